#!/usr/bin/env bash
# Builds the root filesystem of opswarden's container image into an empty directory: the
# layer deploy/Containerfile copies onto the node base image. The Containerfile runs this
# very script, and so do CI and test/integration/deploy.test.ts, so what ships is what was
# tested. The image holds the built JavaScript (npm run build), the production dependencies
# only (npm ci --omit=dev), the assets that run (policies, runbooks, scenarios; not their
# tests), an `opswarden` command on PATH, and the mount points of the Deployment's volumes.
# Nothing in it is writable by the user it runs as, and nothing depends on type stripping.
#
#   deploy/build-image-root.sh <empty output dir>
#
# It needs the repository's dependencies installed (npm ci) for the build step.
set -euo pipefail

die() {
  echo "build-image-root: $*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: deploy/build-image-root.sh <empty output dir>"
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
[ -z "$(ls -A "$out")" ] || die "$out is not empty: give a new or empty directory"
[ -d "$repo/node_modules" ] || die "$repo/node_modules is missing: run npm ci first (the build needs the dev dependencies)"

# Build in a copy of the tree, so a build never races edits or other builds in the checkout.
work=$(mktemp -d "${TMPDIR:-/tmp}/opswarden-image-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$repo" && tar --exclude-from=deploy/Containerfile.dockerignore -cf - .) | tar -xf - -C "$work"
ln -s "$repo/node_modules" "$work/node_modules"
(cd "$work" && npm run build) >&2 || die "npm run build failed (see above)"

bin=$(cd "$work" && node -p 'require("./package.json").bin?.opswarden ?? ""')
case "$bin" in
  dist/*.js) ;;
  *) die "package.json bin.opswarden is \"$bin\": the image runs the built JavaScript under dist/ only" ;;
esac
[ -f "$work/$bin" ] || die "npm run build did not produce $bin"

app="$out/app"
mkdir -p "$app"
cp -R "$work/dist" "$work/package.json" "$work/package-lock.json" "$app/"
for assets in policies runbooks scenarios; do
  mkdir -p "$app/$assets"
  find "$work/$assets" -maxdepth 1 -type f -name '*.yaml' ! -name '*.test.yaml' -exec cp {} "$app/$assets/" \;
done
(cd "$app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error) >&2 ||
  die "npm ci --omit=dev failed in $app"
rm -rf "$app/node_modules/.bin"

mkdir -p "$out/usr/local/bin" "$out/etc/opswarden/config" "$out/etc/opswarden/policy" "$out/var/lib/opswarden"
chmod 755 "$app/$bin"
ln -s "/app/$bin" "$out/usr/local/bin/opswarden"

# Owned by root, readable by all, writable by none but root: the image's user changes nothing.
chmod -R u+rwX,go+rX,go-w "$out"
echo "$out"
