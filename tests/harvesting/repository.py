"""A member repository that answers OAI-PMH from records a test gives it, over real HTTP on
loopback: for what a real instance of the site never serves (bad records, expired tokens, a
failure mid-harvest, day granularity). Each request is recorded."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
    "<responseDate>2026-12-05T00:00:00Z</responseDate><request>http://repository/oai</request>"
)


@dataclass
class Record:
    identifier: str
    datestamp: str
    dc: dict = field(default_factory=dict)  # element -> value or list of values
    deleted: bool = False
    raw_metadata: str = ""  # metadata XML as given, instead of ``dc``

    def xml(self):
        status = ' status="deleted"' if self.deleted else ""
        header = (
            f"<header{status}><identifier>{escape(self.identifier)}</identifier>"
            f"<datestamp>{escape(self.datestamp)}</datestamp></header>"
        )
        if self.deleted:
            return f"<record>{header}</record>"
        metadata = self.raw_metadata or self._dc()
        return f"<record>{header}<metadata>{metadata}</metadata></record>"

    def _dc(self):
        elements = []
        for name, values in self.dc.items():
            for value in [values] if isinstance(values, str) else values:
                elements.append(f"<dc:{name}>{escape(value)}</dc:{name}>")
        return (
            '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{"".join(elements)}</oai_dc:dc>'
        )


class Repository:
    """``with Repository(records, page_size=2) as repository:`` answers at
    ``repository.base_url``. ``fail_pages`` (page numbers from 1) answer HTTP 500 once;
    ``expire_tokens`` refuses every resumption token once set; ``granularity`` is Identify's."""

    def __init__(self, records, page_size=100, granularity="YYYY-MM-DDThh:mm:ssZ"):
        self.records = list(records)
        self.page_size = page_size
        self.granularity = granularity
        self.fail_pages = set()
        self.expire_tokens = False
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/oai"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, arguments):
        """(HTTP status, body) for these OAI-PMH arguments."""
        self.requests.append(arguments)
        verb = arguments.get("verb")
        if verb == "Identify":
            return 200, (
                f"{HEAD}<Identify><repositoryName>Member</repositoryName>"
                f"<granularity>{self.granularity}</granularity></Identify></OAI-PMH>"
            )
        if verb != "ListRecords":
            return 200, f'{HEAD}<error code="badVerb">No.</error></OAI-PMH>'
        if "resumptionToken" in arguments:
            if self.expire_tokens:
                return 200, f'{HEAD}<error code="badResumptionToken">Expired.</error></OAI-PMH>'
            since, start = arguments["resumptionToken"].split("|")
            start = int(start)
        else:
            since, start = arguments.get("from", ""), 0
        chosen = [r for r in self.records if r.datestamp[: len(since)] >= since]
        if not chosen:
            return 200, f'{HEAD}<error code="noRecordsMatch">None.</error></OAI-PMH>'
        page = start // self.page_size + 1
        if page in self.fail_pages:
            self.fail_pages.discard(page)
            return 500, "Internal error"
        records = "".join(r.xml() for r in chosen[start : start + self.page_size])
        following = start + self.page_size
        token = f"{since}|{following}" if following < len(chosen) else ""
        size = f' completeListSize="{len(chosen)}" cursor="{start}"'
        return 200, (
            f"{HEAD}<ListRecords>{records}<resumptionToken{size}>{token}</resumptionToken>"
            "</ListRecords></OAI-PMH>"
        )

    def _handler(self):
        repository = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                arguments = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                status, body = repository.answer(arguments)
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler
