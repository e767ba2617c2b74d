"""Helpers that read rendered diagrams: SVG text and PNG colours."""

import io
import xml.etree.ElementTree as ElementTree

from PIL import Image

SVG_NS = "{http://www.w3.org/2000/svg}"


def svg_texts(svg: str) -> list:
    """Return the text of every <text> element of an SVG document, in order."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    return [element.text or "" for element in root.iter(f"{SVG_NS}text")]


def is_green(pixel) -> bool:
    red, green, blue = pixel[:3]
    return green > red + 50 and green > blue + 30


def is_red(pixel) -> bool:
    red, green, blue = pixel[:3]
    return red > green + 80 and red > blue + 60


def count_pixels(png: bytes, predicate) -> int:
    """Count the pixels of a PNG image for which ``predicate(rgb)`` is true."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for pixel in image.get_flattened_data() if predicate(pixel))


def is_hex_green(colour: str) -> bool:
    """True for a #rrggbb colour whose green channel clearly dominates."""
    return is_green(tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def is_hex_red(colour: str) -> bool:
    """True for a #rrggbb colour whose red channel clearly dominates."""
    return is_red(tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)))
