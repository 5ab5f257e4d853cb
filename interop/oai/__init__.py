"""The site's OAI-PMH 2.0 data provider at ``/oai/``: every live, public translation of a
resource is a record, in Dublin Core (``oai_dc``) and IEEE LOM (``lom``)."""
