#!/usr/bin/env bash
# The container image, built as production builds it, then run: Jib (no Docker daemon) pushes the image to a
# registry; here that registry is a local one (Debian's docker-registry on 127.0.0.1), and the base image (Debian
# bookworm with OpenJDK 17's runtime, made by debootstrap) is pushed to it first, since this machine reaches no
# public image registry. The image is then unpacked and started in a chroot (shared network, PostgreSQL 127.0.0.1),
# and answers a red-flag message with its fixed reply. Also checks the generated Kubernetes manifest.
# Needs root (debootstrap, chroot, mount). Usage: bash .ci/image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR=$(pwd)
WORK=${IMAGE_WORK:-/tmp/symptom-image}
PORT_REGISTRY=${IMAGE_REGISTRY_PORT:-5055}
PORT_APP=${IMAGE_APP_PORT:-18190}
REGISTRY=127.0.0.1:$PORT_REGISTRY
BASE=$REGISTRY/symptom/jre17:bookworm
SCHEMA=symptom_image_$(date +%s)
mkdir -p "$WORK"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need debootstrap || ! need skopeo || ! need docker-registry; then
  echo "== installing debootstrap, skopeo and docker-registry =="
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap skopeo docker-registry >/dev/null
fi

REG_PID=""; APP_ROOT=""
cleanup() {
  [ -n "$REG_PID" ] && kill "$REG_PID" 2>/dev/null || true
  pkill -f "symptom-image-run" 2>/dev/null || true
  if [ -n "$APP_ROOT" ]; then
    for m in proc dev; do umount -l "$APP_ROOT/$m" 2>/dev/null || true; done
  fi
  psql -h 127.0.0.1 -U postgres -d test -q -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== a local registry on $REGISTRY =="
mkdir -p "$WORK/registry"
cat > "$WORK/registry.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: $REGISTRY
log:
  level: warn
EOF
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
REG_PID=$!
for _ in $(seq 1 30); do curl -fs "http://$REGISTRY/v2/" >/dev/null && break; sleep 1; done

echo "== the base image: Debian bookworm + openjdk-17-jre-headless, user 185 =="
if [ ! -x "$WORK/rootfs/usr/bin/java" ]; then
  rm -rf "$WORK/rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$WORK/rootfs" \
    http://deb.debian.org/debian > "$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  chroot "$WORK/rootfs" /bin/sh -c 'groupadd -g 185 jboss 2>/dev/null; useradd -u 185 -g 185 -m -d /home/jboss jboss 2>/dev/null; mkdir -p /deployments && chown 185:185 /deployments; apt-get clean'
fi
python3 - "$WORK" "$BASE" <<'EOF'
import hashlib, json, os, subprocess, sys
work, ref = sys.argv[1], sys.argv[2]
out = os.path.join(work, "base"); os.makedirs(out, exist_ok=True)
layer = os.path.join(out, "layer.tar")
subprocess.run(["tar", "-C", os.path.join(work, "rootfs"), "--numeric-owner", "--exclude=./proc/*", "--exclude=./sys/*",
                "--exclude=./dev/*", "--exclude=./usr/share/doc/*", "--exclude=./usr/share/man/*",
                "--exclude=./var/cache/apt/*", "--exclude=./var/lib/apt/lists/*", "-cf", layer, "."], check=True)
h = hashlib.sha256()
with open(layer, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        h.update(block)
config = {"architecture": "amd64", "os": "linux",
          "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                             "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64", "LANG=C.UTF-8"],
                     "User": "185", "WorkingDir": "/home/jboss"},
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + h.hexdigest()]}}
json.dump(config, open(os.path.join(out, "config.json"), "w"))
json.dump([{"Config": "config.json", "RepoTags": [ref], "Layers": ["layer.tar"]}], open(os.path.join(out, "manifest.json"), "w"))
subprocess.run(["tar", "-C", out, "-cf", os.path.join(work, "base.tar"), "manifest.json", "config.json", "layer.tar"], check=True)
EOF
skopeo copy --quiet --dest-tls-verify=false "docker-archive:$WORK/base.tar" "docker://$BASE"

echo "== the service's image, built and pushed by Jib (mvn package -Ppostgres) =="
mvn -B -q package -Ppostgres -DskipTests \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
  -Dquarkus.jib.base-jvm-image="$BASE" -Dquarkus.container-image.tag=ci
IMAGE=$REGISTRY/symptom/symptom-checker:ci
skopeo inspect --tls-verify=false "docker://$IMAGE" > "$WORK/inspect.json"
echo "pushed $IMAGE ($(python3 -c "import json;d=json.load(open('$WORK/inspect.json'));print(len(d['Layers']),'layers')"))"

echo "== the Kubernetes manifest: probes, resources, secrets, data volume =="
python3 - target/kubernetes/kubernetes.yml <<'EOF'
import sys
text = open(sys.argv[1]).read()
for must in ["kind: Deployment", "kind: Service", "path: /q/health/ready", "path: /q/health/live", "startupProbe:",
             "memory: 3Gi", "cpu: \"1\"", "secretRef:", "name: symptom-checker", "mountPath: /var/lib/symptom",
             "symptom/symptom-checker:"]:
    assert must in text, "kubernetes.yml lacks " + must
assert "password" not in text.lower(), "a secret value in the manifest"
print("kubernetes.yml: Deployment and Service with readiness, liveness and startup probes, resources, Secret, volume")
EOF

echo "== the image, unpacked and started in a chroot against PostgreSQL =="
APP_ROOT=$WORK/run-rootfs
rm -rf "$APP_ROOT" "$WORK/oci"; mkdir -p "$APP_ROOT"
skopeo copy --quiet --src-tls-verify=false "docker://$IMAGE" "oci:$WORK/oci:ci"
python3 - "$WORK/oci" "$APP_ROOT" "$WORK/run.env" <<'EOF'
import json, os, subprocess, sys
oci, root, envfile = sys.argv[1:]
blob = lambda d: os.path.join(oci, "blobs", *d.split(":"))
index = json.load(open(os.path.join(oci, "index.json")))
manifest = json.load(open(blob(index["manifests"][0]["digest"])))
for layer in manifest["layers"]:
    subprocess.run(["tar", "-C", root, "--numeric-owner", "--warning=no-unknown-keyword", "-xf", blob(layer["digest"])], check=True)
config = json.load(open(blob(manifest["config"]["digest"])))["config"]
with open(envfile, "w") as f:
    f.write("USER=%s\nWORKDIR=%s\nENTRY=%s\n" % (config.get("User", "0"), config.get("WorkingDir", "/"),
            " ".join(config.get("Entrypoint", []) + config.get("Cmd", []) or [])))
    for e in config.get("Env", []):
        f.write("ENV " + e + "\n")
EOF
USER_IN=$(sed -n 's/^USER=//p' "$WORK/run.env"); WORKDIR=$(sed -n 's/^WORKDIR=//p' "$WORK/run.env")
ENTRY=$(sed -n 's/^ENTRY=//p' "$WORK/run.env")
echo "image runs as user $USER_IN in $WORKDIR: $ENTRY"
[ "$USER_IN" != "0" ] && [ "$USER_IN" != "root" ] || { echo "the image runs as root"; exit 1; }
mount -t proc proc "$APP_ROOT/proc"; mount --bind /dev "$APP_ROOT/dev"
mkdir -p "$APP_ROOT/var/lib/symptom"; chown "$USER_IN" "$APP_ROOT/var/lib/symptom"
psql -h 127.0.0.1 -U postgres -d test -q -c "create schema $SCHEMA" >/dev/null
ENVS=$(sed -n 's/^ENV //p' "$WORK/run.env" | tr '\n' ' ')
KEY=$(head -c 32 /dev/urandom | base64)
chroot --userspec="$USER_IN:$USER_IN" "$APP_ROOT" /usr/bin/env -i $ENVS HOME="$WORKDIR" \
  QUARKUS_HTTP_PORT="$PORT_APP" SYMPTOM_DATA_DIR=/var/lib/symptom SYMPTOM_RATE_LIMIT_ENABLED=false \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" \
  QUARKUS_DATASOURCE_USERNAME=postgres SYMPTOM_CONVERSATION_MASTER_KEY="$KEY" \
  /bin/sh -c "cd $WORKDIR && exec $ENTRY -Dsymptom-image-run=1" > "$WORK/app.log" 2>&1 &
ready=""
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$PORT_APP/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  sleep 2
done
[ -n "$ready" ] || { echo "the image's service did not become ready in 360 s"; tail -30 "$WORK/app.log"; exit 1; }
reply=$(curl -fs "http://127.0.0.1:$PORT_APP/api/v1/chat" -H 'content-type: application/json' \
  -d '{"message":"crushing chest pain spreading to my left arm and I feel sweaty"}')
echo "$reply" | python3 -c "import json,sys; r=json.load(sys.stdin); assert r['triage']['level']=='EMERGENCY', r; print('the image answers a red flag: EMERGENCY, fixed reply')"
grep -q "content: no folder" "$WORK/app.log" && echo "release 1 written from the content shipped inside the application"
echo "image check passed"
