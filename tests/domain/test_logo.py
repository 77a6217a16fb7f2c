"""A letterhead logo is decoded in full under caps and stored re-encoded: a truncated PNG,
a decompression bomb, another format or an oversized file is refused in words before it
can reach a PIP; what passes is stored small, upright and without metadata."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator

import pytest
from PIL import Image, ImageFile, PngImagePlugin

from inburg_desktop.domain import logo
from inburg_desktop.domain.logo import (
    MAX_BYTES,
    MAX_FILE_BYTES,
    MAX_PIXELS,
    STORED_BOX,
    LogoError,
    check_logo,
    normalise_logo,
)


def encoded(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def gradient(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    return Image.linear_gradient("L").resize(size).convert(mode)


def png_claiming(width: int, height: int) -> bytes:
    """A valid small PNG whose IHDR (with a correct CRC) claims ``width`` × ``height``."""
    data = bytearray(encoded(gradient((8, 8))))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def jpeg_claiming(width: int, height: int) -> bytes:
    """A 16 × 16 JPEG of a few hundred bytes whose frame header claims more."""
    data = bytearray(encoded(Image.new("RGB", (16, 16), (200, 30, 30)), "JPEG", quality=20))
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.fixture
def decodes() -> Iterator[list[tuple[int, int]]]:
    """The sizes of the images Pillow decodes pixel data for, while the test runs."""
    seen: list[tuple[int, int]] = []
    original = ImageFile.ImageFile.load

    def spy(self: ImageFile.ImageFile) -> object:
        seen.append(self.size)
        return original(self)

    ImageFile.ImageFile.load = spy  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        ImageFile.ImageFile.load = original  # type: ignore[method-assign]


def test_a_logo_that_decodes_passes() -> None:
    check_logo(encoded(gradient((240, 80))))
    check_logo(encoded(gradient((240, 80)), "JPEG"))


def test_a_truncated_png_is_refused() -> None:
    """Its header (and size) reads fine; only decoding every row finds the cut."""
    whole = encoded(gradient((400, 300)))
    cut = whole[: len(whole) * 2 // 3]
    assert Image.open(io.BytesIO(cut)).size == (400, 300)  # what a header check sees
    with pytest.raises(LogoError, match="beschadigd of onvolledig"):
        check_logo(cut)


def test_a_truncated_jpeg_is_refused() -> None:
    whole = encoded(Image.effect_noise((400, 300), 50).convert("RGB"), "JPEG")
    with pytest.raises(LogoError, match="beschadigd of onvolledig"):
        check_logo(whole[: len(whole) // 2])


@pytest.mark.parametrize(
    "bomb",
    [jpeg_claiming(13000, 13000), png_claiming(13000, 13000), png_claiming(4000, 3001)],
    ids=["jpeg-13000", "png-13000", "png-just-over"],
)
def test_a_decompression_bomb_is_refused_from_its_header(
    bomb: bytes, decodes: list[tuple[int, int]]
) -> None:
    """A 600-byte file claiming 169 million pixels is refused without decoding a pixel
    (rendering it cost 1.8 GB of memory per PIP)."""
    assert len(bomb) < 1000
    with pytest.raises(LogoError, match="te groot"):
        check_logo(bomb)
    with pytest.raises(LogoError, match="te groot"):
        normalise_logo(bomb)
    assert decodes == []


def test_the_caps_are_pixels_and_sides() -> None:
    assert MAX_PIXELS == 4000 * 3000
    with pytest.raises(LogoError, match=r"te groot: 10\.001 × 1 beeldpunten"):
        check_logo(png_claiming(10001, 1))


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "WEBP"])
def test_only_png_and_jpeg(fmt: str) -> None:
    with pytest.raises(LogoError, match="geen PNG- of JPEG-afbeelding"):
        check_logo(encoded(gradient((40, 20)), fmt))


def test_a_file_with_a_png_signature_and_other_content_is_refused() -> None:
    disguised = logo.PNG_MAGIC + encoded(gradient((40, 20)), "GIF")
    with pytest.raises(LogoError, match="beschadigd of onvolledig"):
        check_logo(disguised)


def test_byte_caps() -> None:
    with pytest.raises(LogoError, match="groter dan 512 kB"):
        check_logo(logo.PNG_MAGIC + b"\0" * MAX_BYTES)
    with pytest.raises(LogoError, match="groter dan 4 MB"):
        normalise_logo(logo.PNG_MAGIC + b"\0" * MAX_FILE_BYTES)


def test_normalised_logo_fits_the_box_and_is_the_same_every_time() -> None:
    big = encoded(gradient((3000, 1000)))
    once = normalise_logo(big)
    assert once == normalise_logo(big)
    with Image.open(io.BytesIO(once)) as image:
        assert image.format == "PNG" and image.size == (1000, 333)
        assert max(image.size) <= max(STORED_BOX)
    check_logo(once)
    small = encoded(gradient((240, 80)))
    with Image.open(io.BytesIO(normalise_logo(small))) as image:
        assert image.size == (240, 80)  # never enlarged


def test_metadata_is_dropped() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Persoonlijke naam van de ontwerper")
    with_text = encoded(gradient((60, 20)), pnginfo=info)
    assert b"Persoonlijke naam" in with_text
    assert b"Persoonlijke naam" not in normalise_logo(with_text)


def test_transparency_is_kept_and_modes_become_rgb() -> None:
    transparent = Image.new("RGBA", (60, 20), (0, 0, 0, 0))
    transparent.paste((20, 80, 160, 255), (10, 5, 50, 15))
    with Image.open(io.BytesIO(normalise_logo(encoded(transparent)))) as image:
        assert image.mode == "RGBA"
        corner = image.getpixel((0, 0))
        assert isinstance(corner, tuple) and corner[3] == 0
    palette = gradient((60, 20)).convert("P")
    palette.info["transparency"] = 0
    with Image.open(io.BytesIO(normalise_logo(encoded(palette, transparency=0)))) as image:
        assert image.mode == "RGBA"
    cmyk = Image.new("CMYK", (60, 20), (0, 255, 255, 0))  # red in print colours
    with Image.open(io.BytesIO(normalise_logo(encoded(cmyk, "JPEG")))) as image:
        assert image.mode == "RGB"
        pixel = image.getpixel((30, 10))
        assert isinstance(pixel, tuple)
        red, green, blue = pixel
        assert red > 200 and green < 60 and blue < 60


def test_sixteen_bit_grey_keeps_its_brightness() -> None:
    """Converting 16-bit grey naively clips every value above 255 to white."""
    grey = Image.new("I;16", (40, 20), 32768)  # half way
    with Image.open(io.BytesIO(normalise_logo(encoded(grey)))) as image:
        value = image.convert("L").getpixel((20, 10))
        assert isinstance(value, int) and 120 <= value <= 135


def test_a_phone_photo_is_turned_upright() -> None:
    photo = Image.new("RGB", (200, 100), (20, 80, 160))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    with Image.open(io.BytesIO(normalise_logo(encoded(photo, "JPEG", exif=exif)))) as image:
        assert image.size == (100, 200)


def test_a_photo_like_logo_still_fits_the_stored_cap() -> None:
    noise = Image.effect_noise((1600, 800), 90).convert("RGB")
    raw = encoded(noise, "PNG")
    assert MAX_BYTES < len(raw) <= MAX_FILE_BYTES
    stored = normalise_logo(raw)
    assert len(stored) <= MAX_BYTES
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"  # too large as a PNG
    check_logo(stored)
