"""QR codes of permanent links, for printed handouts and classroom posters (segno).

Error correction Q: a quarter of the code may be scuffed, folded or covered by a pin and it
still reads; the quiet zone is the four modules ISO/IEC 18004 asks for.
"""

import io

import segno

ERROR_CORRECTION = "q"
QUIET_ZONE = 4
# Pixels per module: the PNG prints sharp at about 4 cm at 300 dpi; the SVG scales freely.
PNG_SCALE = 12
SVG_SCALE = 1


def qr_code(url):
    return segno.make_qr(url, error=ERROR_CORRECTION, boost_error=False)


def svg(url, title=""):
    """The code as a standalone SVG document, titled for screen readers."""
    out = io.BytesIO()
    qr_code(url).save(
        out,
        kind="svg",
        scale=SVG_SCALE,
        border=QUIET_ZONE,
        light="#fff",  # white under the quiet zone too, on coloured paper
        omitsize=True,  # a viewBox: it scales to any size without blurring
        title=title or None,
        xmldecl=True,
    )
    return out.getvalue()


def png(url):
    """The code as a black and white PNG."""
    out = io.BytesIO()
    qr_code(url).save(out, kind="png", scale=PNG_SCALE, border=QUIET_ZONE)
    return out.getvalue()
