"""The printable certificate: an A4 PDF in the certificate's language with its QR code."""

from fpdf import FPDF

from credentials.presentation import describe
from resources.qr_codes import png as qr_png


def certificate_pdf(credential, language, url):
    facts = describe(credential.signed, language)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", size=20)
    pdf.cell(0, 20, facts["name"].encode("latin-1", "replace").decode("latin-1"))
    pdf.image(qr_png(url), x=150, y=240, w=40)
    return bytes(pdf.output())
