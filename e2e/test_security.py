"""Security end to end (issue #18): `trantor up --tls auto` with a control token and JWTs at the gateway.

An OIDC issuer stand-in serves a real JWKS over HTTP on loopback (an EC P-256 key made here) and
signs ES256 tokens; curl and tritonclient reach the gateway over HTTPS and gRPC-TLS with the CA
that `--tls auto` made; the control API refuses the CLI without the token.
"""

import base64
import json
import os
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from processes import ROOT, TRANTOR, Proc, await_true, free_port

ISSUER = "https://issuer.e2e.test"
AUDIENCE = "trantor"
CONTROL_TOKEN = "ctl-e2e-5d1c7f0a9b"
BODY = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[1,2,3,4]]}]}'


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Issuer:
    """Signs ES256 JWTs and serves its public key as a JWKS on 127.0.0.1."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        numbers = self.key.public_key().public_numbers()
        jwks = {"keys": [{"kty": "EC", "crv": "P-256", "kid": "e2e-1", "alg": "ES256", "use": "sig",
                          "x": b64url(numbers.x.to_bytes(32, "big")), "y": b64url(numbers.y.to_bytes(32, "big"))}]}
        body = json.dumps(jwks).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.jwks_url = f"http://127.0.0.1:{self.server.server_address[1]}/jwks.json"

    def token(self, issuer=ISSUER, audience=AUDIENCE, expires_in=600, alg="ES256"):
        header = b64url(json.dumps({"alg": alg, "kid": "e2e-1", "typ": "JWT"}).encode())
        claims = b64url(json.dumps({"iss": issuer, "aud": audience, "sub": "alice",
                                    "exp": int(time.time()) + expires_in}).encode())
        if alg == "none":
            return f"{header}.{claims}."
        r, s = decode_dss_signature(self.key.sign(f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256())))
        return f"{header}.{claims}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"

    def close(self):
        self.server.shutdown()


@pytest.fixture(scope="module")
def secured(tmp_path_factory):
    """`trantor up --tls auto` with a control token and JWTs required at the gateway."""
    issuer = Issuer()
    data = tmp_path_factory.mktemp("secure")
    token_file = data / "control.token"
    token_file.write_text(CONTROL_TOKEN + "\n")
    control, gateway = free_port(), free_port()
    up = Proc("up", ["up", "--mlserver=off", "--tls", "auto", "--data-dir", str(data / "data"),
                     "--control-port", str(control), "--gateway-port", str(gateway),
                     "--temporal-port", str(free_port()), "--kafka-port", str(free_port()),
                     "--control-token-file", str(token_file),
                     "--auth-jwt-issuer", ISSUER, "--auth-jwt-jwks", issuer.jwks_url, "--auth-jwt-audience", AUDIENCE],
              data)
    try:
        up.wait_for_output("trantor up: ready in", 120)
        yield {"up": up, "issuer": issuer, "ca": str(data / "data" / "tls" / "ca.crt"), "token_file": str(token_file),
               "control": f"127.0.0.1:{control}", "gateway": f"127.0.0.1:{gateway}"}
    finally:
        up.stop()
        issuer.close()


def cli(s, *args, env=None):
    return subprocess.run([TRANTOR, *args, "--control", s["control"]], cwd=ROOT, capture_output=True, text=True,
                          timeout=180, env={**os.environ, **(env or {})})


def curl(s, path, token=None, body=None, ca=True):
    args = ["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "-D", "-"]
    if ca:
        args += ["--cacert", s["ca"]]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    if body:
        args += ["-H", "Content-Type: application/json", "--data", body]
    done = subprocess.run([*args, f"https://{s['gateway']}{path}"], capture_output=True, text=True, timeout=60)
    lines = done.stdout.rstrip().split("\n")
    return done.returncode, (int(lines[-1]) if lines[-1].isdigit() else 0), "\n".join(lines[:-1])


@pytest.fixture(scope="module")
def iris(secured):
    env = {"TRANTOR_TLS_CA": secured["ca"], "TRANTOR_CONTROL_TOKEN": CONTROL_TOKEN}
    loaded = cli(secured, "model", "load", "-f", "samples/manifests/iris.yaml", env=env)
    assert loaded.returncode == 0, loaded.stderr
    status = cli(secured, "model", "status", "iris", "-w", "ModelAvailable", env=env)
    assert status.returncode == 0, status.stderr
    token = secured["issuer"].token()
    await_true(lambda: curl(secured, "/v2/models/iris/infer", token, BODY)[1] == 200, "iris served through the gateway")
    return secured


def test_up_prints_where_the_certificates_are(secured):
    text = secured["up"].text()
    assert f"CA {secured['ca']}" in text
    assert "control token  required" in text


def test_the_control_api_refuses_the_cli_without_the_token(secured):
    refused = cli(secured, "model", "list", "--tls-ca", secured["ca"])
    assert refused.returncode == 6
    assert "--token-file" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1

    wrong = cli(secured, "model", "list", "--tls-ca", secured["ca"], env={"TRANTOR_CONTROL_TOKEN": "nope"})
    assert wrong.returncode == 6

    allowed = cli(secured, "model", "list", "--tls-ca", secured["ca"], "--token-file", secured["token_file"])
    assert allowed.returncode == 0, allowed.stderr


def test_curl_needs_the_ca_and_health_needs_no_token(secured):
    assert curl(secured, "/v2/health/ready")[1] == 200
    rc, _, _ = curl(secured, "/v2/health/ready", ca=False)
    assert rc != 0  # certificate not trusted


def test_jwts_are_checked_at_the_gateway(iris):
    issuer = iris["issuer"]
    _, status, output = curl(iris, "/v2/models/iris/infer", issuer.token(), BODY)
    assert status == 200 and '"model_name":"iris_1"' in output

    _, status, output = curl(iris, "/v2/models/iris/infer", None, BODY)
    assert status == 401 and "www-authenticate: bearer" in output.lower()
    assert '{"error":' in output

    valid = issuer.token()
    header, claims, signature = valid.split(".")
    tampered_claims = b64url(json.dumps({"iss": ISSUER, "aud": AUDIENCE, "sub": "mallory",
                                         "exp": int(time.time()) + 600}).encode())
    for bad in (issuer.token(expires_in=-600), issuer.token(audience="other"), issuer.token(issuer="https://evil.test"),
                issuer.token(alg="none"), f"{header}.{tampered_claims}.{signature}"):
        assert curl(iris, "/v2/models/iris/infer", bad, BODY)[1] == 401


def test_tritonclient_over_https_and_grpc_tls(iris):
    import gevent.ssl
    import tritonclient.grpc as grpcclient
    import tritonclient.http as httpclient
    from tritonclient.utils import InferenceServerException

    token = iris["issuer"].token()
    data = np.array([[1, 2, 3, 4]], dtype=np.float32)

    http = httpclient.InferenceServerClient(iris["gateway"], ssl=True, ssl_options={"ca_certs": iris["ca"]},
                                            ssl_context_factory=gevent.ssl.create_default_context)
    tensor = httpclient.InferInput("input", [1, 4], "FP32")
    tensor.set_data_from_numpy(data)
    result = http.infer("iris", [tensor], headers={"Authorization": f"Bearer {token}"})
    assert result.as_numpy("predict").tolist() == [2]

    grpc = grpcclient.InferenceServerClient(iris["gateway"], ssl=True, root_certificates=iris["ca"])
    tensor = grpcclient.InferInput("input", [1, 4], "FP32")
    tensor.set_data_from_numpy(data)
    result = grpc.infer("iris", [tensor], headers={"authorization": f"Bearer {token}"})
    assert result.as_numpy("predict").tolist() == [2]
    with pytest.raises(InferenceServerException) as refused:
        grpc.infer("iris", [tensor])
    assert "UNAUTHENTICATED" in str(refused.value.status()) or "401" in str(refused.value)


def test_no_token_or_key_reaches_the_log(iris):
    text = iris["up"].text()
    key = open(os.path.join(os.path.dirname(iris["ca"]), "server.key")).read().splitlines()[1]
    assert CONTROL_TOKEN not in text
    assert key not in text
    assert iris["issuer"].token().split(".")[0] + "." not in text  # no JWT printed


def openssl_pki(folder):
    """A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl (never committed)."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)

    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
        "-out", "ca.crt", "-subj", "/CN=e2e CA", "-days", "2")
    for name, ext in (("server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth"),
                      ("client", "extendedKeyUsage=clientAuth")):
        (folder / f"{name}.ext").write_text(ext + "\n")
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f"{name}.key",
            "-out", f"{name}.csr", "-subj", f"/CN=e2e {name}")
        run("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", f"{name}.crt", "-days", "2", "-extfile", f"{name}.ext")
    return {name: str(folder / name) for name in
            ("ca.crt", "server.crt", "server.key", "client.crt", "client.key")}


def test_separate_roles_use_mtls_on_every_socket(tmp_path):
    pki = openssl_pki(tmp_path)
    server_tls = ["--tls-cert", pki["server.crt"], "--tls-key", pki["server.key"], "--tls-client-ca", pki["ca.crt"]]
    client_tls = ["--tls-ca", pki["ca.crt"], "--tls-client-cert", pki["client.crt"], "--tls-client-key", pki["client.key"]]
    control_port, gateway_port = free_port(), free_port()
    control_addr = f"127.0.0.1:{control_port}"
    procs = [Proc("control", ["control", "--temporal", "embedded", "--temporal-port", str(free_port()),
                              "--port", str(control_port), *server_tls], tmp_path)]
    try:
        procs[0].wait_for_output("listening on https://")
        procs.append(Proc("agent", ["agent", "--server", "mlserver", "--control", control_addr,
                                    "--cache-dir", str(tmp_path / "cache"), *server_tls, *client_tls], tmp_path))
        procs.append(Proc("gateway", ["gateway", "--port", str(gateway_port), "--control", control_addr,
                                      "--tls-cert", pki["server.crt"], "--tls-key", pki["server.key"], *client_tls],
                          tmp_path))
        procs[1].wait_for_output("serving on")
        procs[2].wait_for_output("listening on https://")

        no_cert = subprocess.run([TRANTOR, "model", "list", "--control", control_addr, "--tls-ca", pki["ca.crt"]],
                                 cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert no_cert.returncode != 0

        def load():
            done = subprocess.run([TRANTOR, "model", "load", "-f", "samples/manifests/iris.yaml", "--control",
                                   control_addr, *client_tls], cwd=ROOT, capture_output=True, text=True, timeout=120)
            return done.returncode == 0
        await_true(load, "the model applied over mTLS once the agent registered")

        def infer():
            done = subprocess.run(["curl", "-s", "--cacert", pki["ca.crt"], "-H", "Content-Type: application/json",
                                   "--data", BODY, f"https://127.0.0.1:{gateway_port}/v2/models/iris/infer"],
                                  capture_output=True, text=True, timeout=60)
            return '"model_name":"iris_1"' in done.stdout
        # gateway -> control (watch) and gateway -> agent (inference) both over mTLS
        await_true(infer, "iris answering through the TLS gateway and the mTLS agent")

        agent_port = procs[1].text().split("serving on ")[1].split(",")[0].split(":")[-1]
        direct = subprocess.run(["curl", "-s", "--cacert", pki["ca.crt"], f"https://127.0.0.1:{agent_port}/v2/health/live"],
                                capture_output=True, text=True, timeout=60)
        assert direct.returncode != 0  # the agent wants a client certificate
    finally:
        for proc in reversed(procs):
            proc.stop()
