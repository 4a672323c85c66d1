"""Registering the card for insurance use, the confirmation, "is my card registered?", and
the 資格確認書 explainer.

The card step is the relay component (`auth`); the verified, claimed result comes back here
with `?job=`. An expired or revoked certificate never comes back: the relay's own page shows
the renewal help with a "Try again" link to this journey.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, session, url_for

from app.auth import current_user, public
from app.extensions import db
from app.forms import insurance as forms
from app.htmx import redirect_to
from app.relay_session import session_key
from app.services import insurance

bp = Blueprint("insurance_register", __name__, url_prefix="/insurance")
TERMS_KEY = "insurance_terms"
REFERENCES_KEY = "insurance_references"


@bp.route("/terms", methods=["GET", "POST"])
@public
def terms() -> Response | tuple[str, int] | str:
    form = forms.TermsForm()
    if form.validate_on_submit():
        session[TERMS_KEY] = True
        return redirect_to(url_for("insurance_register.register"))
    page = render_template("pages/insurance/terms.html", form=form)
    return (page, 422) if form.errors else page


@bp.get("/register")
@public
def register() -> Response | str:
    """The card step; the relay returns here with `?job=` (and "Try again" lands here too)."""
    if not session.get(TERMS_KEY):
        return redirect_to(url_for("insurance_register.terms"))
    job = request.args.get("job")
    certificate = insurance.certificate_from_job(db.session, job, session_key())
    if certificate is None:
        return render_template("pages/insurance/register.html", not_read=bool(job))
    user = current_user()
    registration = insurance.register(certificate, user.id if user else None)
    known = session.get(REFERENCES_KEY, [])
    again = not registration.new and registration.reference not in known  # not a mere reload
    session[REFERENCES_KEY] = [*known[-9:], registration.reference]
    target = url_for("insurance_register.confirmation", reference=registration.reference)
    return redirect_to(target + ("?again=1" if again else ""))


@bp.get("/registration/<string:reference>")
@public
def confirmation(reference: str) -> str:
    """Bookmarkable while the session (or the account) knows the reference."""
    user = current_user()
    row = insurance.registration_to_show(
        reference, known=session.get(REFERENCES_KEY, []), user_id=user.id if user else None
    )
    return render_template(
        "pages/insurance/confirmation.html",
        row=row,
        dates=insurance.certificate_dates(row.certificate_not_after),
        again=bool(request.args.get("again")),
    )


@bp.get("/status")
@public
def status() -> str:
    """Read the card again, or (signed in) see the recorded registrations."""
    certificate = insurance.certificate_from_job(db.session, request.args.get("job"), session_key())
    found = insurance.lookup(db.session, certificate) if certificate else None
    user = current_user()
    rows = insurance.registrations_for_user(user.id) if user else []
    return render_template(
        "pages/insurance/status.html",
        certificate=certificate,
        found=found,
        card_dates=insurance.certificate_dates(certificate.not_after) if certificate else None,
        rows=[(row, insurance.certificate_dates(row.certificate_not_after)) for row in rows],
    )


@bp.get("/qualification-certificate")
@public
def qualification_certificate() -> str:
    """Who receives a 資格確認書 without applying, who must apply, and how (procedures.md 3.5)."""
    return render_template("pages/insurance/qualification_certificate.html")
