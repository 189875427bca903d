#!/usr/bin/env bash
# Builds a stand-in for mcr.microsoft.com/dotnet/aspnet:10.0 without a registry or a Docker engine, for the
# Dockerfile's RUNTIME_IMAGE build argument:
#   - a Debian rootfs made by debootstrap (minbase, the host's suite, from the Debian mirror apt uses here), with the
#     libraries .NET needs (ICU, OpenSSL, CA certificates, time zones);
#   - the shared .NET and ASP.NET Core runtimes of the local .NET installation copied into /usr/share/dotnet (the same
#     runtime the operator is built and tested against; no download);
#   - the "app" user and group (1654), as in Microsoft's images.
# Usage: hack/base-image.sh IMAGE   (prints the image name it built or found)
# The debootstrap rootfs is cached as a tarball under $FUT_REINDEX_IMAGE_CACHE (default /var/cache/fut-reindex-operator);
# an image of the same name (it carries the rootfs's and the runtime's versions) is reused from buildah's storage.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "usage: $0 IMAGE-REPOSITORY (for example localhost/fut-reindex-operator-base)" >&2
  exit 2
fi
repository=$1
cache=${FUT_REINDEX_IMAGE_CACHE:-/var/cache/fut-reindex-operator}

for tool in buildah debootstrap dotnet tar; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 1; }
done

# shellcheck source=/dev/null
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
mirror=$(grep -h -E '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -o -E 'https?://[^ ]+' | grep -v security | head -n 1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
icu=$(apt-cache pkgnames libicu | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1)
if [ -z "$icu" ]; then
  echo "error: no libicuNN package known to apt (run apt-get update)" >&2
  exit 1
fi
packages="ca-certificates,tzdata,libssl3,$icu,libstdc++6,zlib1g"

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(find "$dotnet_root/shared/Microsoft.NETCore.App" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
aspnet=$(find "$dotnet_root/shared/Microsoft.AspNetCore.App" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
if [ -z "$runtime" ] || [ -z "$aspnet" ]; then
  echo "error: no shared .NET and ASP.NET Core runtime under $dotnet_root/shared" >&2
  exit 1
fi

rootfs_key=$(printf '%s %s %s' "$suite" "$packages" "$mirror" | sha256sum | cut -c1-12)
image="$repository:$runtime-$suite-$rootfs_key"
if buildah inspect --type image "$image" >/dev/null 2>&1; then
  echo "$image"
  exit 0
fi

mkdir -p "$cache"
rootfs_tar="$cache/debootstrap-$suite-minbase-$rootfs_key.tar.gz"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -s "$rootfs_tar" ]; then
  echo "debootstrap $suite (minbase, $packages) from $mirror into $rootfs_tar" >&2
  debootstrap --variant=minbase --include="$packages" "$suite" "$work/rootfs" "$mirror" >&2
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" --exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' -czf "$rootfs_tar.partial" .
  mv "$rootfs_tar.partial" "$rootfs_tar"
  rm -rf "$work/rootfs"
fi

# The runtime layer: the dotnet host, its resolver and the two shared frameworks; the app user.
layer="$work/layer"
mkdir -p "$layer/usr/share/dotnet/shared/Microsoft.NETCore.App" "$layer/usr/share/dotnet/shared/Microsoft.AspNetCore.App" \
  "$layer/usr/bin" "$layer/etc" "$layer/home/app"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$layer/usr/share/dotnet/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" "$layer/usr/share/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet" "$layer/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
ln -s /usr/share/dotnet/dotnet "$layer/usr/bin/dotnet"
tar -C "$layer/etc" -xzf "$rootfs_tar" ./etc/passwd ./etc/group --strip-components=2
echo "app:x:1654:1654:app:/home/app:/usr/sbin/nologin" >>"$layer/etc/passwd"
echo "app:x:1654:" >>"$layer/etc/group"
chown 1654:1654 "$layer/home/app"
tar -C "$layer" -cf "$work/layer.tar" .

container=$(buildah from scratch)
buildah add "$container" "$rootfs_tar" / >/dev/null
buildah add "$container" "$work/layer.tar" / >/dev/null
buildah config --env DOTNET_RUNNING_IN_CONTAINER=true --env APP_UID=1654 --env "DOTNET_VERSION=$runtime" \
  --env "ASPNET_VERSION=$aspnet" --label "org.opencontainers.image.description=Debian $suite minbase with .NET $runtime and ASP.NET Core $aspnet" \
  "$container"
buildah commit --quiet --rm "$container" "$image" >/dev/null
echo "$image"
