"""The official route of each journey, step by step, each step naming its source
(docs/official-routes.md §1-4). What the user does on the official side after our guide:
rendered by `components/official_route.html`; numbers and URLs come from `official_routes`.

Sources:
- sources/003_32f427e35db20b96.txt:34-39 (MHLW leaflet, 2020-21): smartphone application, 4 steps
- sources/003_32f427e35db20b96.txt:47-51 (MHLW leaflet): PC application; the 申請書ID is needed
- sources/003_32f427e35db20b96.txt:57-60 (MHLW leaflet): photo-booth application
- sources/003_32f427e35db20b96.txt:64, 70-71, 375 (MHLW leaflet): by post; the handwritten form
  needs the photo and the My Number; the stamp-free return envelope
- docs/domain/procedures.md §1.2 "Mail route fields": sign and date the form
- docs/domain/procedures.md §1.2 "Official online application": the form's items in order
- sources/003_32f427e35db20b96.txt:238-257 (MHLW leaflet): registering in MynaPortal
- sources/004_ddb9b7bd2bc2cbb0.txt:58-71, 81-85 (Chuo City, 2024-12-04): what is needed; the
  clinic's face-recognition reader; the check in MynaPortal
- sources/001_0411ed77a002a177.txt:32-36 (HIECC FAQ): the clinic reader; Seven Bank ATM, PIN needed
- sources/000_0b792771a67859a2.txt:28-31, 47, 93-109, 146, 171-183 (Yokohama City, 2025-03-24): NHI
  online in ぴったりサービス with both PINs; window or post otherwise
- sources/004_ddb9b7bd2bc2cbb0.txt:89-135 (Chuo City, 2024-12-04): cancelling the registration
"""

from __future__ import annotations

from app.domain.message_ids import N_
from app.domain.official_routes import Procedure, Route, Step, Text


def _s(ja: str, en: str, source: str) -> Step:
    return Step(Text(ja, en), source)


_CARD_APPLICATION = Procedure(
    "card_application",
    Text("公式の申請方法", N_("The official application")),
    (
        Route(
            "smartphone",
            Text("スマートフォンで申請", N_("On a smartphone")),
            (
                _s(
                    "スマホで顔写真を撮影します（このガイドで確認した写真も使えます）。",
                    N_("Take your face photo (or use the photo you checked here)."),
                    "S3:36",
                ),
                _s(
                    "交付申請書のQRコードを読み取ります。",
                    N_("Scan the QR code on the application form (交付申請書)."),
                    "S3:37",
                ),
                _s(
                    "申請用WEBサイトでメールアドレスを登録します。",
                    N_("Register your email address on the application website."),
                    "S3:38",
                ),
                _s(
                    "届いたメールの申請者専用WEBサイトで顔写真を登録し、必要事項を入力して申請完"
                    "了です。",
                    N_(
                        "Open your applicant-only site from the email, upload the photo and enter "
                        "the answers: the application is complete."
                    ),
                    "S3:39",
                ),
            ),
        ),
        Route(
            "pc",
            Text("パソコンで申請", N_("On a computer")),
            (
                _s(
                    "交付申請書に記載の申請書ID（23桁）を用意します。",
                    N_(
                        "Have the 23-digit application form ID (申請書ID) printed on your form "
                        "ready."
                    ),
                    "S3:51",
                ),
                _s(
                    "申請用WEBサイトでメールアドレスを登録します。",
                    N_("Register your email address on the application website."),
                    "S3:48",
                ),
                _s(
                    "届いたメールの申請者専用WEBサイトで顔写真を登録し、必要事項を入力して申請完"
                    "了です。",
                    N_(
                        "Open your applicant-only site from the email, upload the photo and enter "
                        "the answers: the application is complete."
                    ),
                    "S3:49",
                ),
            ),
        ),
        Route(
            "mail",
            Text("郵便で申請", N_("By post")),
            (
                _s(
                    "交付申請書に必要事項を記入し、6か月以内に撮影した顔写真を貼ります。",
                    N_(
                        "Fill in the application form and stick on a photo taken within the last 6 "
                        "months."
                    ),
                    "S3:64",
                ),
                _s(
                    "手書き用の交付申請書では、マイナンバー（12桁）をご自身で記入します。このガイ"
                    "ドではマイナンバーをお聞きしません。",
                    N_(
                        "On the handwritten form, write your 12-digit My Number yourself: this "
                        "guide never asks for it."
                    ),
                    "S3:70-71",
                ),
                _s(
                    "署名と日付を手書きで記入します。",
                    N_("Sign and date the form by hand."),
                    "procedures.md §1.2",
                ),
                _s(
                    "同封の返信用封筒で郵送します（切手は不要です）。",
                    N_("Post it in the return envelope that came with the form (no stamp needed)."),
                    "S3:375",
                ),
            ),
        ),
        Route(
            "booth",
            Text("証明用写真機で申請", N_("At a photo booth")),
            (
                _s(
                    "タッチパネルで「個人番号カード申請」を選びます。",
                    N_("On the touch panel, choose 「個人番号カード申請」."),
                    "S3:57",
                ),
                _s(
                    "撮影料金を入れ、交付申請書のQRコードをバーコードリーダーにかざします。",
                    N_("Pay the photo fee and hold the form's QR code to the barcode reader."),
                    "S3:58",
                ),
                _s(
                    "画面の案内に従って必要事項を入力し、顔写真を撮影して送信します。",
                    N_("Enter the answers as the screen asks, then take and send the photo."),
                    "S3:59-60",
                ),
            ),
        ),
    ),
    links=("card_site", "application_status", "photo_checkpoints"),
    lines=("foreign_card", "general"),
    form_fields=(
        Text("利用規約への同意", N_("Agreeing to the terms of use")),
        Text("申請書ID", N_("Application form ID (23 digits)")),
        Text("メール連絡用氏名", N_("Name for email contact")),
        Text("メールアドレス", N_("Email address")),
        Text("顔写真登録", N_("Face photo")),
        Text("生年月日", N_("Date of birth")),
        Text("電子証明書の発行希望有無", N_("Electronic certificates: wanted or not")),
        Text("氏名の点字表記希望有無", N_("Name in Braille: wanted or not")),
    ),
    form_source="procedures.md §1.2 (J-LIS online application fields)",
)

_INSURANCE_REGISTRATION = Procedure(
    "insurance_registration",
    Text("公式の登録方法", N_("Where to register officially")),
    (
        Route(
            "mynaportal",
            Text("マイナポータルで登録", N_("In MynaPortal (smartphone or computer)")),
            (
                _s(
                    "用意するもの：マイナンバーカード、4桁の暗証番号、カードを読み取れるスマート"
                    "フォン（またはICカードリーダー付きのパソコン）、マイナポータルアプリ。",
                    N_(
                        "Bring: your My Number Card, its 4-digit PIN, a smartphone that reads the "
                        "card (or a computer with an IC card reader) and the MynaPortal app."
                    ),
                    "S4:58-63",
                ),
                _s(
                    "マイナポータルの「健康保険証利用の申込」で「利用を申し込む」を押し、利用規約"
                    "に同意します。",
                    N_(
                        "In MynaPortal, under 「健康保険証利用の申込」, press 「利用を申し込む」 "
                        "and agree to the terms."
                    ),
                    "S3:243-250",
                ),
                _s(
                    "4桁の暗証番号を入力し、カードを読み取ると申込完了です。",
                    N_("Enter the 4-digit PIN and read the card: the registration is complete."),
                    "S3:252-257",
                ),
            ),
            links=("insurance_registration",),
        ),
        Route(
            "clinic",
            Text(
                "医療機関・薬局のカードリーダーで登録",
                N_("At a clinic's or pharmacy's card reader"),
            ),
            (
                _s(
                    "用意するもの：マイナンバーカード。", N_("Bring: your My Number Card."), "S1:32"
                ),
                _s(
                    "顔認証付きカードリーダーでは、4桁の暗証番号が分からなくても顔認証で登録でき"
                    "ます。",
                    N_(
                        "At a face-recognition card reader you can register with face recognition "
                        "if you do not know the 4-digit PIN."
                    ),
                    "S4:67-71",
                ),
            ),
        ),
        Route(
            "atm",
            Text("セブン銀行ATMで登録", N_("At a Seven Bank ATM")),
            (
                _s(
                    "用意するもの：マイナンバーカードと4桁の暗証番号（暗証番号が必要です）。",
                    N_("Bring: your My Number Card and its 4-digit PIN (the PIN is required)."),
                    "S1:36",
                ),
            ),
        ),
        Route(
            "check",
            Text("登録できたかの確認", N_("Checking the registration")),
            (
                _s(
                    "登録されているかどうかは、マイナポータルで確認できます（「公金受取口座と健康"
                    "保険証の登録状況確認」）。",
                    N_(
                        "Whether the card is registered can be checked in MynaPortal "
                        "(「公金受取口座と健康保険証の登録状況確認」)."
                    ),
                    "S4:81-85",
                ),
            ),
        ),
    ),
    links=("card_site",),
    lines=("foreign_system", "general"),
)

_NHI_ENROLMENT = Procedure(
    "nhi_enrolment",
    Text("横浜市の公式の手続", N_("Yokohama's official procedure")),
    (
        Route(
            "online",
            Text(
                "マイナポータル（ぴったりサービス）で申請",
                N_("Online in MynaPortal (ぴったりサービス)"),
            ),
            (
                _s(
                    "横浜市の公式のオンライン申請は、マイナポータルの「ぴったりサービス」から行い"
                    "ます。",
                    N_(
                        "Yokohama's official online application is made in MynaPortal's "
                        "ぴったりサービス."
                    ),
                    "S0:100",
                ),
                _s(
                    "マイナンバーカード、4桁の暗証番号（ログイン用）と署名用電子証明書の暗証番号"
                    "（6〜16文字）の両方が必要です。",
                    N_(
                        "You need your My Number Card and both passwords: the 4-digit PIN (to log "
                        "in) and the signature password (6 to 16 characters)."
                    ),
                    "S0:28-31",
                ),
                _s(
                    "マイナポータルアプリが必要です（パソコンの場合はICカードリーダーも）。",
                    N_("You need the MynaPortal app (on a computer, an IC card reader too)."),
                    "S0:93, S0:106-109",
                ),
                _s(
                    "必要事項を入力し、書類を添付します（PDFが推奨、JPEG・PNGも可）。",
                    N_(
                        "Enter the answers and attach the documents (PDF preferred; JPEG or PNG "
                        "also work)."
                    ),
                    "S0:171-175",
                ),
                _s(
                    "送信後は完了画面の「控えをダウンロード」で控えを保存してください。",
                    N_(
                        "After sending, save the copy with the completion page's "
                        "「控えをダウンロード」 button."
                    ),
                    "S0:183",
                ),
            ),
            links=("yokohama_nhi_online",),
        ),
        Route(
            "window",
            Text("オンラインで申請できないとき", N_("When you cannot apply online")),
            (
                _s(
                    "区役所の窓口または郵送で手続きします。",
                    N_("Apply at the ward office's window or by post."),
                    "S0:47, S0:146",
                ),
            ),
            links=("yokohama_nhi_post",),
        ),
    ),
    links=(),
    lines=("foreign_system",),
)

_INSURANCE_CANCELLATION = Procedure(
    "insurance_cancellation",
    Text("公式の解除の手続", N_("The official cancellation")),
    (
        Route(
            "apply",
            Text("保険者への申請", N_("Apply to your insurer")),
            (
                _s(
                    "利用登録の解除には、事前に保険者への申請が必要です（国民健康保険は市区町村の"
                    "保険年金課）。",
                    N_(
                        "The cancellation needs an application to your insurer first (for National "
                        "Health Insurance, your city or ward office's insurance section)."
                    ),
                    "S4:89",
                ),
                _s(
                    "必要書類：届出人の本人確認書類（マイナンバーカード、運転免許証等）、有効な被"
                    "保険者証または資格確認書、健康保険証利用登録解除申請書。",
                    N_(
                        "Documents: the applicant's ID (My Number Card, driving licence…), a valid "
                        "被保険者証 or 資格確認書, and the cancellation form (利用登録解除申請書)."
                    ),
                    "S4:106-110",
                ),
                _s(
                    "窓口に持参するか、郵送します。郵送の場合は本人確認書類と保険証等のコピーを同"
                    "封します。",
                    N_(
                        "Take them to the counter or post them; by post, enclose copies of the ID "
                        "and of the insurance card."
                    ),
                    "S4:112-129",
                ),
                _s(
                    "別世帯の代理人が届け出るときは委任状が必要で、資格確認書は後日、世帯主あてに"
                    "特定記録郵便で届きます。",
                    N_(
                        "An agent from another household needs a letter of attorney (委任状); the "
                        "資格確認書 is then posted later to the head of household by 特定記録郵便."
                    ),
                    "S4:98-101",
                ),
                _s(
                    "解除が反映されるまで2か月程度かかることがあります。解除されたかは、ご自身で"
                    "マイナポータルで確認してください。",
                    N_(
                        "It can take about 2 months to take effect: check in MynaPortal yourself "
                        "that it is cancelled."
                    ),
                    "S4:131",
                ),
            ),
        ),
    ),
    links=("insurance_registration",),
    lines=("foreign_system", "general"),
)

PROCEDURES: dict[str, Procedure] = {
    p.key: p
    for p in (_CARD_APPLICATION, _INSURANCE_REGISTRATION, _NHI_ENROLMENT, _INSURANCE_CANCELLATION)
}


def procedure(key: str) -> Procedure:
    """The official route of a journey (`KeyError` for an unknown one: a template typo fails)."""
    return PROCEDURES[key]
