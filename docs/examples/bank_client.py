#!/usr/bin/env python3
"""A minimal client of the bank custody REST interface, version 1 (docs/bank-api.md). Python 3.8+, standard
library only.

    export BANK_URL=http://localhost:3000 BANK_KEY_ID=bk_... BANK_SECRET=...
    python3 bank_client.py vectors                              # check the published test vectors
    python3 bank_client.py get '/api/bank/v1/accounts?status=ACTIVE&limit=100'
    python3 bank_client.py post /api/bank/v1/statements statements.json stmt-2026-12-02-001
    python3 bank_client.py get '/api/bank/v1/instructions?status=PENDING'

The signed path is the whole path after the host, /api/bank/v1 included, with the query string exactly
as sent. The HMAC key is the UTF-8 bytes of the secret string as issued (do not base64-decode it).
"""
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request

PUBLISHED_SECRET = "c2VjcmV0LWZvci1leGFtcGxlLW9ubHktMzItYnl0ZXMh"
PUBLISHED_VECTORS = [
    ("1764400000", "POST", "/api/bank/v1/statements",
     '{"statements":[{"accountNo":"6222020200112233","statementDate":"2026-11-28","openingBalance":"1000.00",'
     '"closingBalance":"1200.00","currency":"CNY","revision":0}]}',
     "v1=cc16bebb374dabd5eac848a730fb507719deb52b74aaa01d9c1b0928cc30f126"),
    ("1764400000", "GET", "/api/bank/v1/accounts?status=ACTIVE&limit=100", "",
     "v1=da8be1da2ddeca8272336f848a01851edcfd5fbdafe98ca9756792c195ffcab8"),
    ("1764400000", "POST", "/api/bank/v1/instructions/3f1c2b9e-0000-4000-8000-000000000001/ack",
     '{"outcome":"EXECUTED","executedAt":"2026-11-28T15:30:00+08:00","note":"\u5df2\u51bb\u7ed3"}',
     "v1=b2bcf81d3d1c2f0eed4e6ee355a95a9920f8bc28fb320429c47a09adc75c3ea1"),
]


def sign(secret: str, timestamp: str, method: str, path_with_query: str, body: bytes) -> str:
    """X-Signature: v1= + lowercase hex HMAC-SHA256(UTF-8 bytes of the secret, signing string)."""
    prefix = f"{timestamp}\n{method.upper()}\n{path_with_query}\n".encode("utf-8")
    return "v1=" + hmac.new(secret.encode("utf-8"), prefix + body, hashlib.sha256).hexdigest()


def request(method: str, path_with_query: str, body: bytes = b"", idempotency_key: str = None):
    """Sends one signed request; returns (status, headers (case-insensitive), parsed JSON body)."""
    base, key_id, secret = os.environ["BANK_URL"].rstrip("/"), os.environ["BANK_KEY_ID"], os.environ["BANK_SECRET"]
    timestamp = str(int(time.time()))
    headers = {
        "X-Bank-Key-Id": key_id,
        "X-Timestamp": timestamp,
        "X-Signature": sign(secret, timestamp, method, path_with_query, body),
    }
    if method == "POST":
        headers["Content-Type"] = "application/json"
        headers["Idempotency-Key"] = idempotency_key
    req = urllib.request.Request(base + path_with_query, data=body if method == "POST" else None, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.headers, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as err:  # 4xx/5xx: an application/problem+json body with a stable "code"
        return err.code, err.headers, json.loads(err.read() or b"null")


def main(argv):
    if argv[:1] == ["vectors"]:
        ok = True
        for timestamp, method, path, body, expected in PUBLISHED_VECTORS:
            got = sign(PUBLISHED_SECRET, timestamp, method, path, body.encode("utf-8"))
            ok = ok and got == expected
            print(("ok   " if got == expected else "FAIL ") + f"{method} {path} {got}")
        return 0 if ok else 1
    if argv[:1] == ["sign-stdin"]:  # one JSON case per line: {"secret","timestamp","method","path","body"}
        for line in sys.stdin:
            case = json.loads(line)
            print(sign(case["secret"], case["timestamp"], case["method"], case["path"], case["body"].encode("utf-8")))
        return 0
    if len(argv) == 2 and argv[0] == "get":
        status, headers, body = request("GET", argv[1])
    elif len(argv) == 4 and argv[0] == "post":
        with open(argv[2], "rb") as f:  # the file's bytes are sent and signed exactly as they are
            status, headers, body = request("POST", argv[1], f.read(), argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    replayed = " (replayed)" if headers.get("Idempotent-Replayed") == "true" else ""
    print(f"HTTP {status}{replayed}")
    print(json.dumps(body, ensure_ascii=False, indent=2))
    return 0 if status < 400 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
