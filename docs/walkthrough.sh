#!/usr/bin/env bash
# A walk through the API with curl, step by step, against a running local server:
#
#   npm start                      # in one terminal
#   bash docs/walkthrough.sh       # in another; PORT=4000 bash docs/walkthrough.sh for another port
#
# Each step prints "==> <status> <method> <path>", what it shows, and the start of the answer; the
# script stops (exit 1) at the first step whose status is not the one the contract promises. It
# cleans up after itself: what it creates, it deletes at the end (the audit trail keeps the story).
# test/http/walkthrough.test.ts runs it against `npm start`, so it cannot fall out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

API="http://localhost:${PORT:-3000}"
# A retry of the same POST with the same key is answered from the first time; a later run of this
# script is a new request, so it gets its own key.
RUN="walkthrough-$(date +%s)-$$"

BODY=$(mktemp)
HEADERS=$(mktemp)
trap 'rm -f "$BODY" "$HEADERS"' EXIT

if ! curl -s -o /dev/null "$API/stats"; then
  echo "No API answers at $API: start it first (npm start), or set PORT to the port it uses." >&2
  exit 1
fi

# step <expected status> <method> <path> <what it shows> [more curl arguments]
step() {
  local expected=$1 method=$2 path=$3 what=$4
  shift 4
  local status
  status=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' -X "$method" "$API$path" "$@") || true
  printf '\n==> %s %s %s\n    %s\n' "$status" "$method" "$path" "$what"
  if [ -s "$BODY" ]; then
    printf '    %s' "$(head -c 240 "$BODY")"
    if [ "$(wc -c < "$BODY")" -gt 240 ]; then printf ' …'; fi
    printf '\n'
  fi
  if [ "$status" != "$expected" ]; then
    echo "!!! expected $expected, got $status" >&2
    exit 1
  fi
}
header() { grep -i "^$1:" "$HEADERS" | head -n 1 | cut -d ' ' -f 2- | tr -d '\r'; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$BODY" | head -n 1; }

# Local tokens (HS256, 12 h) with the claim a Cognito ID token carries: cognito:groups.
VIEWER=$(npm run -s token -- viewer)
EDITOR=$(npm run -s token -- editor)
ADMIN=$(npm run -s token -- admin)
JSON='Content-Type: application/json'

ROUND='{"date":"2025-05-23","status":"completed","agreement":"Istanbul 2025-05-16","stage":1,
  "returnedToUkraine":{"total":390,"military":270,"civilians":120},"returnedToRussia":{"total":390},
  "sources":[{"url":"https://www.president.gov.ua/en/news","publisher":"Office of the President"}]}'

step 201 POST /rounds "Create a round (editor): Location and ETag headers name it and its version" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" -H "Idempotency-Key: $RUN-round-1" -d "$ROUND"
ID=$(header location | sed 's#.*/##')
ETAG=$(header etag)

step 201 POST /rounds "The same POST again, same Idempotency-Key and body: the first answer again, nothing new created" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" -H "Idempotency-Key: $RUN-round-1" -d "$ROUND"
echo "    Idempotent-Replayed: $(header idempotent-replayed), Location: $(header location)"

step 201 POST /rounds "A second round: the next day's stage" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" \
  -d '{"date":"2025-05-24","status":"completed","agreement":"Istanbul 2025-05-16","stage":2,
       "returnedToUkraine":{"total":307},"returnedToRussia":{"total":307}}'
ID2=$(header location | sed 's#.*/##')

step 200 GET "/rounds/$ID" "Read one (public)"
step 200 GET "/rounds?year=2025&status=completed&limit=10" "List with filters (public), newest date first"

step 200 GET "/rounds?from=2025-05-23&to=2025-05-24&limit=1" "A page of one: nextCursor leads to the next page"
CURSOR=$(field nextCursor)
step 200 GET "/rounds?from=2025-05-23&to=2025-05-24&limit=1&cursor=$CURSOR" "The next page: the same filters and the cursor"

step 200 PATCH "/rounds/$ID" "Change part of it (editor); If-Match: the version read, else 412" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" -H "If-Match: $ETAG" \
  -d '{"notes":"First day of 1000 for 1000","mediator":null}'
STALE=$ETAG
ETAG=$(header etag)

step 412 PATCH "/rounds/$ID" "The same change with the old version in If-Match: refused, nothing written" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" -H "If-Match: $STALE" -d '{"notes":"a lost update"}'

step 201 POST /repatriations "Repatriations: the same five routes; an absent figure is null (undisclosed)" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" \
  -d '{"date":"2025-06-11","bodiesToUkraine":1212,"bodiesToRussia":27,"mediator":"ICRC"}'
REPATRIATION=$(header location | sed 's#.*/##')
step 200 GET "/repatriations?year=2025" "List them by year (public)"

step 201 POST /agreements "An agreement reached in talks (editor), with what each side committed to" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" \
  -d '{"title":"Istanbul, 16 May 2025: 1000 for 1000","reachedOn":"2025-05-16","status":"fulfilled",
       "mediators":["Türkiye"],"commitments":[{"kind":"prisoners","toUkraine":1000,"toRussia":1000}]}'
AGREEMENT=$(header location | sed 's#.*/##')
step 200 PATCH "/rounds/$ID2" "Name it from the second round, as its stage 2 (an unknown agreementId is 422)" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" -d '{"agreementId":"'"$AGREEMENT"'"}'
step 409 POST /rounds "Another round as stage 2 of the same agreement: 409, a stage is one round's" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" \
  -d '{"date":"2025-05-25","status":"completed","agreementId":"'"$AGREEMENT"'","stage":2}'
step 200 GET "/agreements/$AGREEMENT" "The agreement with its progress (public), computed at each read: delivered, committed, remaining"
step 200 GET "/rounds?agreementId=$AGREEMENT" "Its rounds, oldest first: the order the deal was carried out in"
step 201 POST /negotiations "A negotiation event on its timeline (editor)" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" \
  -d '{"date":"2025-05-16","kind":"talks","title":"First direct talks since 2022","venue":"Istanbul","agreementId":"'"$AGREEMENT"'"}'
NEGOTIATION=$(header location | sed 's#.*/##')
step 200 GET "/negotiations?agreementId=$AGREEMENT" "The events of the agreement, newest first"
step 409 DELETE "/agreements/$AGREEMENT" "An agreement that records name cannot be deleted" -H "Authorization: Bearer $ADMIN"

step 201 POST /persons "A person exchanged in that round (editor): roundId must name a completed round, else 422" \
  -H "Authorization: Bearer $EDITOR" -H "$JSON" \
  -d '{"fullName":"Іван Петренко","side":"ukraine","kind":"military","status":"exchanged",
       "roundId":"'"$ID"'","categories":["severely_wounded"],"rank":"Sergeant"}'
PERSON=$(header location | sed 's#.*/##')

step 200 GET "/persons?status=exchanged&side=ukraine" "Persons are personal data: viewer and up" \
  -H "Authorization: Bearer $VIEWER"
step 200 GET "/persons?category=severely_wounded&limit=50" "Filter by category" -H "Authorization: Bearer $VIEWER"
step 200 GET "/rounds/$ID/persons" "The persons of a round (viewer)" -H "Authorization: Bearer $VIEWER"
step 401 GET "/rounds/$ID/persons" "The same without a token: 401, no personal data"

step 409 DELETE "/rounds/$ID" "A round that a person names cannot be deleted" -H "Authorization: Bearer $ADMIN"

step 200 GET /stats "The statistics (public), as of the last refresh"
step 200 POST /stats/refresh "Refresh them now (admin)" -H "Authorization: Bearer $ADMIN"

# Deleting comes last: everything above uses these records.
step 204 DELETE "/persons/$PERSON" "Delete the person (admin)" -H "Authorization: Bearer $ADMIN"
step 204 DELETE "/repatriations/$REPATRIATION" "Delete the repatriation (admin)" -H "Authorization: Bearer $ADMIN"
step 204 DELETE "/rounds/$ID2" "Delete the second round (admin)" -H "Authorization: Bearer $ADMIN"
step 204 DELETE "/rounds/$ID" "Delete the first, now that no person names it; If-Match as for a change" \
  -H "Authorization: Bearer $ADMIN" -H "If-Match: $ETAG"
step 204 DELETE "/negotiations/$NEGOTIATION" "Delete the negotiation event (admin)" -H "Authorization: Bearer $ADMIN"
step 204 DELETE "/agreements/$AGREEMENT" "Delete the agreement, now that nothing names it" -H "Authorization: Bearer $ADMIN"
step 404 GET "/rounds/$ID" "Gone"

step 200 GET "/audit?entity=rounds&id=$ID" "Its audit trail (admin), newest first: delete, update, create" \
  -H "Authorization: Bearer $ADMIN"

printf '\nDone: every step answered as the contract says.\n'
