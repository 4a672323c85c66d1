"""HTTP side of the Digital Authentication App STAND-IN (app/services/digital_auth_standin.py):
discovery, the authorization page (the "app" on a phone, a QR code on a computer), token,
JWKS and sign transactions, under /standin/digital-auth. Registered always, answering only
where the stand-in is allowed (tests, localhost): 404 on a real domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from joserfc.jwk import ECKey
from werkzeug.wrappers import Response as BaseResponse

from app.auth import public
from app.domain.devices import is_phone
from app.extensions import csrf
from app.services import digital_auth
from app.services.digital_auth_standin import AuthRequest, StandInError, StandInProvider
from app.services.relay_launch import qr_data_uri
from app.services.relay_trust import trust_config

bp = Blueprint("digital_auth_standin", __name__, url_prefix=digital_auth.STANDIN_PATH)


def site_origin() -> str:
    return str(current_app.config.get("ORIGIN") or request.host_url.rstrip("/"))


def standin() -> StandInProvider:
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if not digital_auth.standin_allowed(app) or app.config.get("DIGITAL_AUTH_ISSUER"):
        abort(404)
    found: StandInProvider | None = app.extensions.get("digital_auth_standin")
    if found is None:
        origin = site_origin()
        found = StandInProvider(origin + digital_auth.STANDIN_PATH, _card(app), trust_config())
        client_key = digital_auth.standin_client_key(app)
        public_jwk = ECKey.import_key(client_key).as_dict(private=False)
        callback = origin + "/relay/app/callback"
        found.register_client(digital_auth.STANDIN_CLIENT_ID, [callback], public_jwk)
        app.extensions["digital_auth_standin"] = found
    return found


def _card(app: Flask) -> Any:
    """The simulated card, from the test CA the relay trusts (its directory, when configured)."""
    from card_relay.simulator import default_card
    from card_relay.testca import load_or_create

    configured = app.config.get("RELAY_SIGN_CA")
    folder = Path(configured).parent if configured else None
    if folder is not None and (folder / "sign-ca-key.pem").exists():
        return default_card(ca=load_or_create(folder))
    return default_card()


def _oauth_error(error: StandInError) -> tuple[Response, int]:
    return jsonify(error=error.error), error.status


@bp.get("/.well-known/openid-configuration")
@public
def discovery() -> Response:
    return jsonify(standin().discovery(site_origin() + digital_auth.STANDIN_PATH))


@bp.get("/protocol/openid-connect/certs")
@public
def certs() -> Response:
    return jsonify(standin().jwks())


@bp.get("/protocol/openid-connect/auth")
@public
def authorize() -> str | tuple[str, int]:
    """On a phone the app opens at once; on a computer its page shows a QR code to scan."""
    try:
        auth = standin().open_request(request.args.to_dict())
    except StandInError as error:
        return render_template("pages/standin/refused.html", error=error.error), 400
    if is_phone(request.headers.get("User-Agent", "")):
        return _app_page(auth)
    app_url = url_for(".app_page", request_id=auth.id, _external=True)
    return render_template(
        "pages/standin/computer.html", auth=auth, app_url=app_url, qr=qr_data_uri(app_url)
    )


@bp.get("/app/<string:request_id>")
@public
def app_page(request_id: str) -> str:
    auth = standin().request(request_id)
    if auth is None:
        abort(404)
    return _app_page(auth)


def _app_page(auth: AuthRequest, error: bool = False) -> str:
    return render_template(
        "pages/standin/app.html",
        auth=auth,
        error=error,
        signs=auth.sign_transaction_id is not None,
        basic_four=[s for s in auth.scopes if s in ("name", "address", "birthdate", "gender")],
    )


@bp.post("/app/<string:request_id>")
@public
def app_answer(request_id: str) -> str | BaseResponse:
    provider = standin()
    auth = provider.request(request_id)
    if auth is None:
        abort(404)
    if request.form.get("action") == "cancel":
        provider.cancel(auth)
    else:
        provider.use_card(auth, request.form.get("pin", ""))
    if request.form.get("device") == "computer":
        return render_template("pages/standin/done.html", auth=auth)
    return _back_to_service(auth)


@bp.post("/auth/<string:request_id>/continue")
@public
def computer_continue(request_id: str) -> str | BaseResponse:
    """The computer's page after the phone finished: back to the service, or still waiting."""
    auth = standin().request(request_id)
    if auth is None:
        abort(404)
    if auth.code is None and auth.error is None:
        app_url = url_for(".app_page", request_id=auth.id, _external=True)
        return render_template(
            "pages/standin/computer.html",
            auth=auth,
            app_url=app_url,
            qr=qr_data_uri(app_url),
            waiting=True,
        )
    return _back_to_service(auth)


def _back_to_service(auth: AuthRequest) -> BaseResponse:
    answer = {"state": auth.state}
    answer.update({"code": auth.code} if auth.code else {"error": auth.error or "access_denied"})
    return redirect(f"{auth.redirect_uri}?{urlencode(answer)}", 303)


@bp.post("/protocol/openid-connect/token")
@public
def token() -> Response | tuple[Response, int]:
    try:
        return jsonify(standin().token(request.form.to_dict(), request.base_url))
    except StandInError as error:
        return _oauth_error(error)


@bp.post("/api/sign-transactions")
@public
def sign_transactions() -> Response | tuple[Response, int]:
    provider = standin()
    try:
        bearer = provider.bearer(request.headers.get("Authorization", ""))
        body = request.get_json(silent=True) or {}
        transaction = provider.create_transaction(bearer, body if isinstance(body, dict) else {})
    except StandInError as error:
        return _oauth_error(error)
    return jsonify(id=transaction.id)


@bp.get("/api/sign-transactions/<string:transaction_id>/result")
@public
def sign_result(transaction_id: str) -> Response | tuple[Response, int]:
    provider = standin()
    try:
        bearer = provider.bearer(request.headers.get("Authorization", ""))
        return jsonify(provider.transaction_result(bearer, transaction_id))
    except StandInError as error:
        return _oauth_error(error)


# Server-to-server calls carry a client assertion or a bearer token, not a browser cookie.
for _view in (token, sign_transactions):
    csrf.exempt(_view)
