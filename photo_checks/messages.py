"""User-facing messages, in Japanese and English, that say what to do.

Keyed by finding code. Some take parameters (the edge that is cut off, the format
that was detected); both languages use the same parameter names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Message:
    """One message in both languages."""

    ja: str
    en: str


EDGE_NAMES: dict[str, Message] = {
    "top": Message("上", "top"),
    "bottom": Message("下", "bottom"),
    "left": Message("左", "left"),
    "right": Message("右", "right"),
}

_RETAKE_JA = "スマホを約1m離し、背面カメラとタイマーを使うか、家族に撮ってもらってください。"
_RETAKE_EN = "Hold the phone about 1 m away: use the rear camera with a timer, or ask someone."

_MESSAGES: dict[str, Message] = {
    "unsupported_format": Message(
        "{format_ja}JPEG（.jpg）で保存し直してください。"
        "iPhoneは「設定 > カメラ > フォーマット > 互換性優先」でJPEGになります。",
        "This file is {format_en}. Save the photo again as a JPEG (.jpg); on an iPhone "
        "choose Settings > Camera > Formats > Most Compatible.",
    ),
    "corrupt_image": Message(
        "画像を読み込めません（壊れているか、大きすぎます）。カメラで撮った写真を"
        "そのままJPEGで選び直してください。",
        "The image cannot be read (it is damaged or far too large). Choose the photo "
        "straight from the camera again, as a JPEG.",
    ),
    "corrupt_image_budget": Message(
        "この画像は確認に時間やメモリがかかりすぎるため、確認できませんでした"
        "（プログレッシブJPEGの段階が多すぎるか、大きすぎます）。カメラで撮った写真を"
        "そのまま選び直すか、通常の（プログレッシブでない）JPEGで保存し直してください。",
        "This image would take too long or too much memory to check (too many progressive "
        "passes, or too large), so it was not checked. Choose the photo straight from the "
        "camera, or save it again as an ordinary (not progressive) JPEG.",
    ),
    "file_too_small": Message(
        "ファイルが20KB未満です。縮小や圧縮をしていない元の写真を選んでください。",
        "The file is under 20 KB. Choose the original photo, not a shrunk or compressed copy.",
    ),
    "file_too_large": Message(
        "ファイルが7MBを超えています。カメラの画質設定を下げて撮り直すか、"
        "アプリで7MB以下に書き出してください。",
        "The file is over 7 MB. Take it again at a lower camera resolution, or export it "
        "at 7 MB or less.",
    ),
    "too_few_pixels": Message(
        "画像が小さすぎます（縦横それぞれ480ピクセル以上が必要）。元の写真を選んでください。",
        "The image is too small (at least 480 pixels each way). Choose the original photo.",
    ),
    "too_many_pixels": Message(
        "画像が大きすぎます（縦横それぞれ6000ピクセル以下）。高画素モードをオフにして"
        "撮り直してください。",
        "The image is too large (at most 6000 pixels each way). Turn off the high-resolution "
        "(48 MP or more) mode and take it again.",
    ),
    "not_rgb": Message(
        "色の形式がRGBではありません（CMYKなど）。カメラで撮った写真をそのまま使ってください。",
        "The colour mode is not RGB (e.g. CMYK). Use the photo straight from the camera.",
    ),
    "not_rgb_grey": Message(
        "白黒の画像です。白黒写真も認められますが、RGBのカラー写真の方が確実です。",
        "The image is greyscale. Black-and-white photos are allowed, but a colour (RGB) "
        "photo is safer.",
    ),
    "no_face": Message(
        "顔が見つかりません。正面を向き、顔全体と肩までが写るように撮ってください。",
        "No face was found. Face the camera with your whole face and shoulders in the picture.",
    ),
    "multiple_faces": Message(
        "顔が2つ以上写っています。本人だけが写るように撮り直してください。",
        "More than one face is visible. Take it again with only you in the picture.",
    ),
    "multiple_faces_small": Message(
        "背景に顔のようなもの（ポスター、写真など）があります。無地の壁の前で撮ってください。",
        "Something like a face (a poster or photo) is in the background. Stand in front of "
        "a plain wall.",
    ),
    "face_cut_off": Message(
        "頭や顔が写真の{edge_ja}端で切れています。頭の上とあごの下に余白を残し、"
        "頭と肩全体が入るように撮り直してください。" + _RETAKE_JA,
        "Your head or face is cut off at the {edge_en} edge. Leave room above your head and "
        "below your chin, with your whole head and shoulders in the picture. " + _RETAKE_EN,
    ),
    "too_close": Message(
        "顔が近すぎて、規格の大きさに切り取れません。" + _RETAKE_JA,
        "You are too close: the photo cannot be cropped to the required size. " + _RETAKE_EN,
    ),
    # Several framing problems with one cause: the camera was too close (a selfie).
    "too_close_cause": Message(
        "カメラが近すぎます（自撮りの距離）。そのため{problems_ja}。" + _RETAKE_JA,
        "The camera was too close (selfie distance), so {problems_en}. " + _RETAKE_EN,
    ),
    "too_far": Message(
        "顔が小さすぎます。もう少し近づくか、2倍ズームを使って、顔が大きく写るように"
        "撮ってください。",
        "Your face is too small. Come a little closer or use 2x zoom so your face fills "
        "more of the picture.",
    ),
    "no_room_above_head": Message(
        "頭の上の余白が足りません。頭の上に少し空間を残して撮ってください。",
        "There is not enough room above your head. Leave some space above it.",
    ),
    "no_room_below_chin": Message(
        "あごの下の余白が足りません。肩まで写るように撮ってください。",
        "There is not enough room below your chin. Include your shoulders.",
    ),
    "off_center": Message(
        "顔が中央からずれています。顔が写真の左右中央に来るように撮ってください。",
        "Your face is off-centre. Keep your face in the middle of the picture, left to right.",
    ),
    "head_tilted": Message(
        "顔が傾いています。まっすぐ正面を向き、両目が水平になるようにしてください。",
        "Your head is tilted. Look straight at the camera with your eyes level.",
    ),
    "head_turned": Message(
        "顔が横や上下を向いています。カメラのレンズを正面からまっすぐ見て、あごを引きすぎず"
        "上げすぎずに撮ってください。",
        "Your face is turned to the side, up or down. Look straight into the lens, chin "
        "neither raised nor tucked in.",
    ),
    "eyes_closed": Message(
        "目が閉じているか、細くなっています。目をしっかり開けて、レンズを見て撮ってください。",
        "Your eyes are closed or narrowed. Open your eyes and look at the lens.",
    ),
    "eyes_covered": Message(
        "目が髪や物で隠れています。前髪を上げるか分けて、両目がはっきり見えるようにしてください。",
        "Your eyes are hidden by hair or something else. Move your hair aside so both eyes "
        "are clearly visible.",
    ),
    "sunglasses": Message(
        "サングラスや色の付いた眼鏡で目が見えません。外して撮ってください。",
        "Sunglasses or tinted lenses hide your eyes. Take them off.",
    ),
    "glasses_glare": Message(
        "眼鏡に光が反射しています。照明を横や上からにするか、眼鏡を少し下に傾けるか、"
        "外して撮ってください。",
        "Light is reflecting on your glasses. Move the light to the side or above, tilt the "
        "glasses slightly down, or take them off.",
    ),
    "mouth_covered": Message(
        "口元がマスクや手などで隠れています。マスクを外し、顔全体が見えるようにしてください。",
        "Your mouth is covered (a mask or a hand). Take the mask off so your whole face shows.",
    ),
    "mouth_open": Message(
        "口が開いています。口を閉じ、自然な表情で撮ってください。",
        "Your mouth is open. Close it and keep a natural expression.",
    ),
    "head_covered": Message(
        "帽子やヘアバンドなどで頭が隠れています。外して撮ってください。宗教上・医療上の理由で"
        "外せない場合は、顔の輪郭が見えるようにし、申請書にその理由を書くか、"
        "お住まいの市区町村に電話で伝えてください。",
        "A hat, band or other covering hides your head. Take it off. If you wear it for "
        "religious or medical reasons, keep the outline of your face visible and write the "
        "reason on the application, or tell your municipality by phone.",
    ),
    "background_not_plain": Message(
        "背景に家具や模様などが写っています。無地の明るい壁の前で撮ってください。",
        "There are objects or patterns behind you. Stand in front of a plain, light wall.",
    ),
    "background_shadow": Message(
        "背景に影があります。壁から少し離れ、正面から均一に光が当たる場所で撮ってください。",
        "There is a shadow on the background. Step away from the wall and use even light "
        "from the front.",
    ),
    "background_too_dark": Message(
        "背景が暗すぎます。白や明るい色の無地の壁の前で撮ってください。",
        "The background is too dark. Stand in front of a plain white or light wall.",
    ),
    "blurry": Message(
        "ピントが合っていないか、手ブレしています。カメラを固定し、顔にピントを合わせて"
        "撮り直してください。",
        "The photo is out of focus or shaken. Keep the camera still, focus on your face and "
        "take it again.",
    ),
    "too_dark": Message(
        "顔が暗すぎます。明るい場所で、正面から光が当たるようにして撮ってください。",
        "Your face is too dark. Take it somewhere brighter, with light from the front.",
    ),
    "too_bright": Message(
        "顔が明るすぎます（白飛び）。強い光や直射日光を避け、フラッシュを切って撮ってください。",
        "Your face is too bright (washed out). Avoid strong or direct light and turn off the "
        "flash.",
    ),
    "uneven_lighting": Message(
        "顔の左右で明るさが違います（影があります）。窓や照明に正面を向けて撮ってください。",
        "One side of your face is darker (a shadow). Face the window or light directly.",
    ),
    "selfie": Message(
        "インカメラの自撮りは顔が切れたり歪んだりしやすいです。" + _RETAKE_JA,
        "Front-camera selfies are often cut off or distorted. " + _RETAKE_EN,
    ),
    "mirrored": Message(
        "左右が反転した画像です。反転しない設定で撮り直してください。",
        "The image is mirrored. Turn off mirroring in the camera settings and take it again.",
    ),
    "old_photo": Message(
        "撮影日が6か月より前です。最近6か月以内に撮った写真を使ってください。",
        "The photo was taken more than 6 months ago. Use one taken within the last 6 months.",
    ),
    "edited": Message(
        "画像編集アプリの記録があります。編集した写真は受け付けられないことがあります。"
        "加工していない元の写真を使ってください。",
        "An image editor was used on this photo. Edited photos may be refused: use the "
        "original, unedited photo.",
    ),
}


def message_for(key: str, **params: str) -> Message:
    """Return the message for ``key`` with its ``{name_ja}``/``{name_en}`` fields filled."""
    template = _MESSAGES[key]
    return Message(template.ja.format(**params), template.en.format(**params))


def known_keys() -> frozenset[str]:
    """All message keys, so a test can check every code has both languages."""
    return frozenset(_MESSAGES)
