#!/usr/bin/env bash
# A signed request to the bank custody REST interface, version 1 (docs/bank-api.md), with curl and openssl.
#
#   export BANK_URL=http://localhost:3000 BANK_KEY_ID=bk_... BANK_SECRET=...
#   ./bank-request.sh GET '/api/bank/v1/accounts?status=ACTIVE&limit=100'
#   ./bank-request.sh POST /api/bank/v1/statements statements.json stmt-2026-12-02-001
#   ./bank-request.sh sign TIMESTAMP METHOD PATH BODYFILE     # print the X-Signature only (needs BANK_SECRET)
#
# The body is signed and sent byte for byte from the file (curl --data-binary; curl -d would strip newlines).
set -euo pipefail

bank_sign() { # timestamp method path-with-query body-file
  { printf '%s\n%s\n%s\n' "$1" "$2" "$3"; cat "$4"; } | openssl dgst -sha256 -hmac "$BANK_SECRET" -hex | sed 's/^.* /v1=/'
}

case "${1:-}" in
  sign)
    bank_sign "$2" "$3" "$4" "$5" ;;
  GET)
    ts=$(date +%s)
    curl -sS "$BANK_URL$2" -H "X-Bank-Key-Id: $BANK_KEY_ID" -H "X-Timestamp: $ts" \
      -H "X-Signature: $(bank_sign "$ts" GET "$2" /dev/null)"
    echo ;;
  POST)
    ts=$(date +%s)
    curl -sS "$BANK_URL$2" -H 'Content-Type: application/json' -H "X-Bank-Key-Id: $BANK_KEY_ID" -H "X-Timestamp: $ts" \
      -H "X-Signature: $(bank_sign "$ts" POST "$2" "$3")" -H "Idempotency-Key: $4" --data-binary @"$3"
    echo ;;
  *)
    sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
