#!/bin/sh
# Makes sure the Debian packages the test lab needs are installed
# (DESIGN.md "Test lab"): two Docker engines, Podman with runc, a static
# busybox for the offline images, an OpenSSH server, tmux for end-to-end runs.
# Quiet when everything is present. As root it installs what is missing
# (one `apt-get update`, one `apt-get install`); otherwise it prints the
# command to run and exits 1. Safe to run any number of times.
set -u

PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export PATH

PACKAGES="docker.io podman runc busybox-static openssh-server uidmap tmux zsh fish sudo"
missing=""

need() { # need COMMAND WHY
  command -v "$1" >/dev/null 2>&1 || missing="$missing $1($2)"
}

need dockerd docker.io
need containerd docker.io
need podman podman
need conmon podman
need runc runc
need sshd openssh-server
need tmux tmux
# The completion tests load the generated scripts into real shells.
need zsh zsh
need fish fish
need newuidmap uidmap
# A lab user reaches the engine only through `sudo -n docker` (nodes with sudo: true).
need sudo sudo
need unshare util-linux
need nsenter util-linux

# The lab images copy /bin/busybox into a FROM-scratch image, so it must be
# the statically linked one from busybox-static, not Debian's dynamic busybox.
if [ -x /bin/busybox ]; then
  if ldd /bin/busybox >/dev/null 2>&1; then
    missing="$missing busybox(static)"
  fi
else
  missing="$missing busybox(static)"
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u 2>/dev/null)" != 0 ]; then
  echo "test lab: missing:$missing" >&2
  echo "install them as root with:" >&2
  echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $PACKAGES" >&2
  exit 1
fi

echo "test lab: installing$missing" >&2
apt-get update -qq >&2 || { echo "test lab: apt-get update failed" >&2; exit 1; }
# shellcheck disable=SC2086 # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >&2 || {
  echo "test lab: apt-get install failed" >&2
  exit 1
}
