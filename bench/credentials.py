"""Verifiable certificates: how long signing, issuing, verifying and revoking take, and the
size of a certificate and of a revocation list, on the demo content.

    DATABASE_URL=postgres://.../dlm_credentials_bench python bench/credentials.py [--count 200]

Issues ``--count`` certificates of one demo certification (in Lao, with an e-mail identifier and
a result), verifies each, revokes one in ten, and prints medians and totals.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
for _path in (str(HERE.parent), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digital_lm.settings.dev")

import django  # noqa: E402
from bench_database import BenchError, ensure_database  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from credentials.issuers import issuer_for  # noqa: E402
from credentials.issuing import Learner, issue, revoke  # noqa: E402
from credentials.keys import private_key, signing_key  # noqa: E402
from credentials.proofs import sign  # noqa: E402
from credentials.status_lists import sign_list  # noqa: E402
from credentials.verification import verify  # noqa: E402
from resources.models import CertificationPage  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="certificates to issue")
    parser.add_argument("--any-database", action="store_true", help="not only *_bench")
    return parser.parse_args()


def milliseconds(samples):
    return f"median {statistics.median(samples) * 1000:.1f} ms, max {max(samples) * 1000:.1f} ms"


def main():
    args = parse_args()
    try:
        ensure_database(args.any_database, "credentials")
    except BenchError as error:
        sys.exit(str(error))
    call_command("migrate", verbosity=0)
    certification = (
        CertificationPage.objects.live().public().filter(locale__language_code="zh-hans").first()
    )
    if certification is None:
        print("credentials: loading the demo content first (load_demo_content)")
        call_command("load_demo_content", verbosity=0)
        certification = CertificationPage.objects.live().public().first()
    issuer = issuer_for(certification.institution)
    user, _created = get_user_model().objects.get_or_create(username="bench.issuer")
    user.groups.add(issuer.issuers)

    issuing, verifying, credentials = [], [], []
    for number in range(args.count):
        learner = Learner(
            name=f"ສົມພອນ ວົງສາ {number}",
            achieved_on=date(2026, 11, 20),
            language="lo",
            identifier=f"learner{number}@example.la",
            result="ດີເລີດ",
        )
        started = time.perf_counter()
        credential = issue(certification, learner, user)
        issuing.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert verify(credential.signed).verdict == "valid"
        verifying.append(time.perf_counter() - started)
        credentials.append(credential)

    key = signing_key(issuer)
    secret = private_key(key)
    document = {k: v for k, v in credentials[0].signed.items() if k != "proof"}
    signing = []
    for _ in range(50):
        started = time.perf_counter()
        sign(document, secret, "did:web:example#key-1")
        signing.append(time.perf_counter() - started)

    revoking = []
    for credential in credentials[::10]:
        started = time.perf_counter()
        revoke(credential, user, "bench")
        revoking.append(time.perf_counter() - started)
    started = time.perf_counter()
    status = sign_list(credentials[0].status_list)
    list_signing = time.perf_counter() - started

    size = len(json.dumps(credentials[0].signed, ensure_ascii=False).encode())
    print(f"certification: {certification.title} ({certification.external_id})")
    print(f"sign only (canonicalise + Ed25519), 50 runs: {milliseconds(signing)}")
    print(f"issue (sign, store, audit), {len(issuing)} certificates: {milliseconds(issuing)}")
    print(f"verify (all checks), {len(verifying)} certificates: {milliseconds(verifying)}")
    print(f"revoke (re-signs the list), {len(revoking)} certificates: {milliseconds(revoking)}")
    print(
        f"status list: signed in {list_signing * 1000:.1f} ms, "
        f"{len(json.dumps(status).encode())} bytes for {len(revoking)} revoked of 131,072"
    )
    print(f"one certificate: {size} bytes of JSON")


if __name__ == "__main__":
    main()
