"""Check your answers, sign with the card, then the confirmation, the copy and the status.

The document signed is the canonical JSON of the answers (docs/nhi-canonical-document.md);
the card relay signs its SHA-256, and the result is checked against the applicant's answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Response, abort, make_response, render_template, request, url_for

from app import downloads
from app.auth import login_required, require_user
from app.domain import nhi_deadlines, nhi_document, nhi_fields
from app.extensions import db
from app.forms.nhi_application import DeclarationForm
from app.htmx import redirect_to
from app.i18n import current_locale
from app.relay_session import session_key
from app.routes.nhi.start import bp
from app.services import nhi_drafts, nhi_pdf, nhi_signing, receivers

if TYPE_CHECKING:
    from app.storage.models import NhiEnrolment


@bp.route("/application/check", methods=["GET", "POST"])
@login_required
def check() -> Response:
    user = require_user()
    answers = nhi_drafts.load(db.session, user.id)
    if not nhi_drafts.ready_to_check(answers):
        return redirect_to(url_for("nhi.tasks"))
    declared = nhi_drafts.application(answers).declaration
    form = DeclarationForm(data={"declaration": ["yes" if declared else ""]})
    if request.method == "POST":
        receivers.require_sending("nhi_enrolment")  # no signing when nobody receives it
        form = DeclarationForm()
        if form.validate_on_submit():
            nhi_drafts.update(db.session, user.id, {"declaration": "yes"})
            return redirect_to(url_for("nhi.sign"))
    page = render_template(
        "pages/nhi/check.html",
        form=form,
        doc=nhi_document.document(nhi_drafts.application(answers)),
        timing=nhi_drafts.timing_for(answers),
    )
    return make_response(page, 422 if form.errors else 200)


@bp.get("/application/sign")
@login_required
def sign() -> Response:
    """The card step; the relay brings the browser back here with ?job=<id> after the claim."""
    user = require_user()
    if request.args.get("job"):
        finished = nhi_signing.finish(
            db.session,
            user_id=user.id,
            job_id=request.args["job"],
            session_key=session_key(),
            language=current_locale(),
        )
        if finished.enrolment is not None:
            return redirect_to(url_for("nhi.sent", enrolment_id=finished.enrolment.id))
        page = render_template(
            "pages/nhi/refused.html", problem=finished.problem, **finished.details
        )
        return make_response(page, 422)
    answers = nhi_drafts.load(db.session, user.id)
    if not nhi_drafts.ready_to_check(answers) or not nhi_drafts.application(answers).declaration:
        return redirect_to(url_for("nhi.check"))
    document = nhi_signing.prepare(
        db.session, user_id=user.id, answers=answers, session_key=session_key()
    )
    return make_response(
        render_template(
            "pages/nhi/sign.html",
            document_id=document.id,
            digest=document.digest.hex(),
            doc=nhi_document.document(nhi_drafts.application(answers)),
        )
    )


@bp.get("/enrolments/<string:enrolment_id>/sent")
@login_required
def sent(enrolment_id: str) -> str:
    row = _own(enrolment_id)
    return render_template("pages/nhi/sent.html", row=row, **_status_context(row))


@bp.get("/enrolments/<string:enrolment_id>")
@login_required
def status(enrolment_id: str) -> str:
    row = _own(enrolment_id)
    return render_template(
        "pages/nhi/status.html",
        row=row,
        correction=nhi_signing.correction(row),
        **_status_context(row),
    )


@bp.get("/enrolments/<string:enrolment_id>/copy.pdf")
@login_required
def copy(enrolment_id: str) -> Response:
    row = _own(enrolment_id)
    data = nhi_signing.signed_bytes(db.session, row)
    if data is None:
        abort(404)
    package = nhi_signing.package_of(db.session, row)
    signed = nhi_document.application_of(nhi_document.decode(data))
    pdf = nhi_pdf.copy_pdf(
        signed, data, package, reference=row.reference, language=current_locale()
    )
    return downloads.download(pdf, "application/pdf", f"{row.reference}.pdf")


@bp.get("/enrolments/<string:enrolment_id>/notice.pdf")
@login_required
def notice(enrolment_id: str) -> Response:
    """The notice the office issued, as it posts it to the household."""
    row = _own(enrolment_id)
    pdf = nhi_signing.notice_bytes(db.session, row)
    if pdf is None:
        abort(404)
    return downloads.download(pdf, "application/pdf", f"{row.reference}-notice.pdf")


@bp.post("/enrolments/<string:enrolment_id>/correct")
@login_required
def correct(enrolment_id: str) -> Response:
    """Start a corrected application from what was sent (the office asked for a correction)."""
    nhi_signing.start_correction(db.session, _own(enrolment_id))
    return redirect_to(url_for("nhi.tasks"))


def _own(enrolment_id: str) -> NhiEnrolment:
    return nhi_signing.own_enrolment(db.session, require_user().id, enrolment_id)


def _status_context(row: NhiEnrolment) -> dict[str, object]:
    sent = nhi_drafts.application(nhi_signing.sent_answers(row))
    kinds = nhi_fields.notice_kinds([p.myna_hokensho for p in sent.people])
    lost_on = sent.lost_on
    timing = nhi_deadlines.timing(lost_on, today=row.signed_at.date()) if lost_on else None
    return {
        "people": sent.people,
        "notices": [(p.full_name, kind) for p, kind in zip(sent.people, kinds, strict=True)],
        "timing": timing,
    }
