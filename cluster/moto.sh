#!/usr/bin/env bash
# Makes sure the moto server (the AWS emulator of the local stack) is importable.
set -euo pipefail
version="5.2.1"
if python3 -c 'import moto.server, sys; import moto; sys.exit(0 if moto.__version__ == "'"$version"'" else 1)' 2>/dev/null; then
  exit 0
fi
echo "installing moto[server]==${version}..." >&2
python3 -m pip install --quiet "moto[server]==${version}"
