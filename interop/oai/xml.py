"""Writing the protocol's XML with lxml: namespaces declared once, every element named in
its own namespace."""

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def qualified(namespace, name):
    return f"{{{namespace}}}{name}"


def child(parent, namespace, name, text=None, **attributes):
    """Add and return ``parent``'s new child element (``text`` and attributes when given)."""
    element = etree.SubElement(parent, qualified(namespace, name), attributes)
    if text is not None:
        element.text = str(text)
    return element


def root(namespace, name, schema_location, nsmap):
    """A document's root, with its schema location."""
    element = etree.Element(qualified(namespace, name), nsmap={**nsmap, "xsi": XSI})
    element.set(qualified(XSI, "schemaLocation"), f"{namespace} {schema_location}")
    return element


def serialize(element):
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)
