"""A municipality's logo: decoded in full, under caps, before it is stored or drawn.

A logo comes from a file a consultant picks or an administrator publishes from the office,
and every laptop that pulls it draws it on every PIP. So one bad file must be refused
where it is entered, not fail every render afterwards. Checked here, with Pillow:

* the bytes: at most :data:`MAX_FILE_BYTES` for a chosen file, :data:`MAX_BYTES` for a
  stored logo;
* the format, by content: PNG or JPEG only (:data:`FORMATS`);
* the size the header claims, before a single pixel is decoded: at most
  :data:`MAX_PIXELS` and :data:`MAX_SIDE` (a 631-byte JPEG can claim 13000 × 13000
  pixels, which costs 1.8 GB to decode); Pillow's own decompression-bomb check is made an
  error too;
* a full decode (``Image.load()``): a truncated or corrupt file fails here.

:func:`normalise_logo` re-encodes a logo that passed as a small image without metadata,
at most :data:`STORED_BOX` pixels (ample for the 30 × 15 mm it is printed at), which is
what the letterhead setting stores. Messages are Dutch, in the user's words.
"""

from __future__ import annotations

import io
import warnings
from typing import Final

from PIL import Image, ImageOps

from inburg_desktop.domain.text import N_, Reason

FORMATS: Final = ("PNG", "JPEG")
MAX_FILE_BYTES: Final = 4 * 1024 * 1024  # a file someone picks
MAX_BYTES: Final = 512 * 1024  # a logo as stored and synced
MAX_PIXELS: Final = 12_000_000  # 4000 × 3000: a photo; decoded RGBA this is 48 MB
MAX_SIDE: Final = 10_000
STORED_BOX: Final = (1000, 500)  # pixels: 30 × 15 mm at about 850 dpi
PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC: Final = b"\xff\xd8\xff"
# Pillow's JPEG plug-in reports a multi-picture JPEG (cameras) as MPO: JPEG bytes still.
_DECODED_FORMATS: Final = frozenset({"PNG", "JPEG", "MPO"})
_JPEG_QUALITY: Final = 90
_LIMITS: Final = {"pixels": MAX_PIXELS // 1_000_000, "side": MAX_SIDE}


class LogoError(ValueError):
    """A logo that cannot be used, without the field name: ``why`` is a Dutch msgid with
    its parameters (translated at the edge), ``reason`` the Dutch text (``str()`` too)."""

    def __init__(self, problem: str, **params: object) -> None:
        self.why = Reason.of("logo", problem, **params)
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        return self.why.render()


def size_text(limit: int) -> str:
    """A byte limit in words: "512 kB", "4 MB"."""
    mib = 1024 * 1024
    return f"{limit // mib} MB" if limit % mib == 0 else f"{limit // 1024} kB"


def decode(
    data: bytes, max_bytes: int = MAX_BYTES, reduce_to: tuple[int, int] | None = None
) -> Image.Image:
    """``data`` decoded in full as a PNG or JPEG image within the caps.

    ``reduce_to`` lets a JPEG decode at a reduced scale no smaller than that box (the
    whole stream is still read). Raises :class:`LogoError` for more than ``max_bytes``
    bytes, another format, more than :data:`MAX_PIXELS` pixels or :data:`MAX_SIDE` on a
    side (checked from the header, before decoding), and for a file that does not decode
    to the end.
    """
    if len(data) > max_bytes:
        raise LogoError(N_("groter dan {limit}"), limit=size_text(max_bytes))
    if not (data.startswith(PNG_MAGIC) or data.startswith(JPEG_MAGIC)):
        raise LogoError(N_("geen PNG- of JPEG-afbeelding"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = image.size
            if image.format not in _DECODED_FORMATS:
                raise LogoError(N_("geen PNG- of JPEG-afbeelding"))
            if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                raise LogoError(
                    N_(
                        "te groot: {width} × {height} beeldpunten (hoogstens {pixels} miljoen "
                        "beeldpunten, {side} per zijde)"
                    ),
                    width=width,
                    height=height,
                    **_LIMITS,
                )
            if reduce_to is not None and image.format != "PNG":
                image.draft("RGB", reduce_to)
            image.load()
    except LogoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LogoError(
            N_("te groot (hoogstens {pixels} miljoen beeldpunten, {side} per zijde)"), **_LIMITS
        ) from exc
    except Exception as exc:  # Pillow's decoders raise OSError, SyntaxError, ValueError, …
        raise LogoError(N_("de afbeelding is beschadigd of onvolledig")) from exc
    if width < 1 or height < 1:
        raise LogoError(N_("de afbeelding is leeg"))
    return image


def check_logo(data: bytes) -> None:
    """Refuse a stored logo that cannot be drawn (see :func:`decode`); raises
    :class:`LogoError`."""
    decode(data, MAX_BYTES)


def _flattened(image: Image.Image) -> Image.Image:
    """RGB or RGBA with 8 bits per channel, upright (EXIF orientation applied)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        image = image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    transparent = "A" in image.getbands() or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def _encoded(image: Image.Image) -> bytes:
    """PNG, or JPEG (on white) when the PNG would exceed :data:`MAX_BYTES`."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    if out.tell() <= MAX_BYTES:
        return out.getvalue()
    if image.mode == "RGBA":
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image, mask=image.getchannel("A"))
        image = white
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=_JPEG_QUALITY)
    return out.getvalue()


def normalise_logo(data: bytes) -> bytes:
    """A chosen logo file as it is stored: decoded in full (see :func:`decode`, up to
    :data:`MAX_FILE_BYTES`), scaled into :data:`STORED_BOX`, re-encoded without metadata.

    The result is a PNG (a JPEG for a photo-like logo that would not fit :data:`MAX_BYTES`
    as a PNG) that :func:`check_logo` accepts; the same input gives the same bytes.
    Raises :class:`LogoError`.
    """
    image = _flattened(decode(data, MAX_FILE_BYTES, STORED_BOX))
    box = STORED_BOX
    while True:
        image.thumbnail(box, Image.Resampling.LANCZOS)
        encoded = _encoded(image)
        if len(encoded) <= MAX_BYTES:
            return encoded
        box = (max(box[0] // 2, 1), max(box[1] // 2, 1))


__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_FILE_BYTES",
    "MAX_PIXELS",
    "MAX_SIDE",
    "STORED_BOX",
    "LogoError",
    "check_logo",
    "decode",
    "normalise_logo",
    "size_text",
]
