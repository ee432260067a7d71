#!/bin/sh
# Entrypoint of the cores image: copies the distribution's static assets into the static volume
# (shared with nginx), then execs the command (default: bin/cores, the server).
#
# It never deletes or recreates anything in a volume: files are added or overwritten, nothing
# else. Waiting for PostgreSQL (bounded by CORES_DB_WAIT_SECONDS) and migrating the schema are
# done by bin/cores itself, which exits with a one-line message naming the variable when the
# configuration is wrong (exit codes: launcher/README.md).
set -eu

# overridable for the native stack test; not CORES_* names, which bin/cores would warn about
source_dir=${STATIC_SOURCE:-/srv/cores/static}
target_dir=${STATIC_ROOT:-/srv/static}
hostname_file=${HOSTNAME_FILE:-/etc/hostname}

# Docker sets HOSTNAME to the container's short id when neither -e HOSTNAME nor --hostname is
# given; Kubernetes (which sets KUBERNETES_SERVICE_HOST in every pod) sets it to the pod's name,
# e.g. cores-7d9f8b6c5-x2x4z. Nobody reaches the site by either, and Cores would refuse other
# Host headers and put it into the links of its mails: Cores' own default (localhost) applies
# instead, said here. A HOSTNAME the operator set differs from /etc/hostname, the container's own
# name, and is kept; so is --hostname on Docker, a name the operator chose.
container_name=$(cat "$hostname_file" 2>/dev/null || true)
if [ -n "${HOSTNAME:-}" ] && [ "$HOSTNAME" = "$container_name" ]; then
  if [ -n "${KUBERNETES_SERVICE_HOST:-}" ]; then
    echo "cores: HOSTNAME is not set (Kubernetes' default is the pod's name, $HOSTNAME): Cores serves as localhost; set HOSTNAME in the container's env to the name users reach it by" >&2
    unset HOSTNAME
  elif printf '%s' "$HOSTNAME" | grep -Eqx '[0-9a-f]{12}'; then
    echo "cores: HOSTNAME is not set (Docker's default is the container id, $HOSTNAME): Cores serves as localhost; set HOSTNAME to the name users reach it by" >&2
    unset HOSTNAME
  fi
fi

if [ -d "$source_dir" ]; then
  if [ ! -d "$target_dir" ] || [ ! -w "$target_dir" ]; then
    echo "cores: $target_dir: the static volume is missing or not writable by $(id -un)" >&2
    exit 2
  fi
  # no -p: the copies belong to the cores user with ordinary modes, readable by nginx
  cp -R "$source_dir/." "$target_dir/"
fi

exec "$@"
