#!/usr/bin/env bash
# Registers a model file (DL4J ModelSerializer zip or Keras HDF5) as a new version, creating the
# model first if needed, and optionally points an alias at it.
#
#   LINEWATCH_REGISTRY_URL=http://localhost:8084 LINEWATCH_API_KEY=lw_... \
#     register-model.sh <model-name> <task> <artifact-file> <metadata.json> [alias] [reason]
#
# metadata.json needs at least {"contract":{"inputShape":[...],"outputShape":[...]}}; see
# docs/model-registry.md. The artifact's sha256 is sent along so a corrupted upload is refused.
set -euo pipefail

if [[ $# -lt 4 ]]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
name=$1 task=$2 artifact=$3 metadata=$4 alias=${5:-} reason=${6:-"registered with register-model.sh"}
url=${LINEWATCH_REGISTRY_URL:-http://localhost:8084}
key=${LINEWATCH_API_KEY:?set LINEWATCH_API_KEY to a key with role MODEL_ADMIN}
command -v jq >/dev/null || { echo "register-model.sh needs jq" >&2; exit 2; }

sha=$(sha256sum "$artifact" | cut -d' ' -f1)
meta=$(jq -c --arg sha "$sha" '. + {sha256: $sha}' "$metadata")

status=$(curl -sS -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" "$url/api/v1/models/$name")
if [[ $status == 404 ]]; then
  curl -sS --fail-with-body -H "X-API-Key: $key" -H 'Content-Type: application/json' \
    -d "$(jq -nc --arg n "$name" --arg t "$task" '{name: $n, task: $t}')" "$url/api/v1/models" >/dev/null
fi

version_json=$(curl -sS --fail-with-body -H "X-API-Key: $key" \
  -F "artifact=@$artifact;type=application/octet-stream" \
  -F "metadata=$meta;type=application/json" \
  "$url/api/v1/models/$name/versions")
version=$(jq -r .version <<<"$version_json")
echo "$name version $version (sha256 $(jq -r .sha256 <<<"$version_json"), origin $(jq -r .origin <<<"$version_json"))"

if [[ -n $alias ]]; then
  curl -sS --fail-with-body -X PUT -H "X-API-Key: $key" -H 'Content-Type: application/json' \
    -d "$(jq -nc --argjson v "$version" --arg r "$reason" '{version: $v, reason: $r}')" \
    "$url/api/v1/models/$name/aliases/$alias" >/dev/null
  echo "$alias -> $name v$version"
fi
