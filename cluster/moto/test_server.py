"""Tests of the moto EKS extension (server.py).

Run from the repository root with `python3 -m unittest cluster/moto/test_server.py`
(or pytest). ModelTest checks server.py against botocore's EKS model without
a server; ServerTest starts server.py on a free 127.0.0.1 port and drives it
with boto3, checking every response against the operation's output shape.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from typing import Any
from urllib.parse import quote, unquote

import boto3
import botocore.session
from botocore.exceptions import ClientError
from moto.core.utils import camelcase_to_underscores

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "server.py")


def load_server() -> Any:
    spec = importlib.util.spec_from_file_location("kaws_moto_server", SERVER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ext = load_server()
MODEL = botocore.session.get_session().get_service_model("eks")
HANDLERS = ext.EKSExtensionResponse

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/eks"
ROLE2 = f"arn:aws:iam::{ACCOUNT}:role/other"
# Sample values of the URI labels; ARNs have "/" (sent as %2F).
SAMPLE_LABELS = {
    "name": "c",
    "addonName": "vpc-cni",
    "principalArn": f"arn:aws:iam::{ACCOUNT}:role/path/r",
    "policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
    "associationId": "a-0123456789abcdefg",
    "nodegroupName": "ng",
    "updateId": "0b6a8f4e-2f0a-4c8e-9d55-7d4f3f1a2b3c",
}


def sample_path(request_uri: str) -> str:
    """A raw (percent-encoded, as SDKs send it) path of a requestUri."""
    return re.sub(r"\{([^}+]+)\+?\}", lambda m: quote(SAMPLE_LABELS[m.group(1)], safe=""), request_uri.split("?")[0])


# --- reading server.py's handlers -----------------------------------------


def handler_asts() -> dict[str, ast.FunctionDef]:
    with open(SERVER) as f:
        tree = ast.parse(f.read())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == HANDLERS.__name__)
    return {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}


def self_calls(fn: ast.FunctionDef) -> list[ast.Call]:
    return [n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"]


def closure(name: str, fns: dict[str, ast.FunctionDef]) -> list[ast.FunctionDef]:
    """The handler and the methods of the class it calls, transitively."""
    seen, todo = [], [name]
    while todo:
        n = todo.pop()
        if n in seen or n not in fns:
            continue
        seen.append(n)
        todo += [c.func.attr for c in self_calls(fns[n])]
    return [fns[n] for n in seen]


def members_read(name: str, fns: dict[str, ast.FunctionDef]) -> set[str]:
    read = set()
    for fn in closure(name, fns):
        for c in self_calls(fn):
            if c.func.attr in ("_arg", "_required"):
                assert c.args and isinstance(c.args[0], ast.Constant), f"{fn.name}: {c.func.attr} needs a literal member name"
                read.add(c.args[0].value)
    return read


def members_returned(name: str, fns: dict[str, ast.FunctionDef]) -> set[str]:
    keys = set()
    for fn in closure(name, fns):
        for c in self_calls(fn):
            if c.func.attr == "_respond":
                body = c.args[0]
                assert isinstance(body, ast.Dict), f"{fn.name}: _respond needs a dict literal"
                for k in body.keys:
                    assert isinstance(k, ast.Constant), f"{fn.name}: _respond needs literal keys"
                    keys.add(k.value)
    return keys


# --- checking values against botocore shapes -------------------------------


def shape_errors(value: Any, shape: Any, path: str) -> list[str]:
    """What in value (decoded JSON) does not fit botocore's shape."""
    if value is None:
        return []
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not a {shape.name} structure"]
        errs = []
        for k, v in value.items():
            if k not in shape.members:
                errs.append(f"{path}.{k}: not a member of {shape.name} (members: {sorted(shape.members)})")
            else:
                errs += shape_errors(v, shape.members[k], f"{path}.{k}")
        return errs
    if t == "list":
        if not isinstance(value, list):
            return [f"{path}: {value!r} is not a list"]
        return [e for i, v in enumerate(value) for e in shape_errors(v, shape.member, f"{path}[{i}]")]
    if t == "map":
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not a map"]
        return [e for k, v in value.items() for e in shape_errors(k, shape.key, f"{path} key") + shape_errors(v, shape.value, f"{path}[{k}]")]
    if t == "string":
        if not isinstance(value, str):
            return [f"{path}: {value!r} is not a string"]
        if shape.enum and value not in shape.enum:
            return [f"{path}: {value!r} is not one of {shape.name} {shape.enum}"]
        return []
    if t == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: {value!r} is not a boolean"]
    if t in ("integer", "long"):
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{path}: {value!r} is not an integer"]
    if t in ("float", "double", "timestamp"):
        return [] if isinstance(value, (int, float)) and not isinstance(value, bool) else [f"{path}: {value!r} is not a number"]
    return []


class ModelTest(unittest.TestCase):
    """server.py against botocore's EKS model, without a server."""

    def test_routes_match_botocore(self) -> None:
        for op, (method, uri) in ext.OPERATIONS.items():
            with self.subTest(op=op):
                self.assertIn(op, MODEL.operation_names, f"{op} is not an EKS operation")
                http = MODEL.operation_model(op).http
                self.assertEqual((method, uri), (http["method"], http["requestUri"]), f"route of {op} differs from botocore's")

    def test_every_operation_has_a_handler(self) -> None:
        for op in (*ext.OPERATIONS, *ext.EXTENDED_MOTO_OPERATIONS):
            with self.subTest(op=op):
                self.assertIn(op, MODEL.operation_names)
                self.assertIn(camelcase_to_underscores(op), vars(HANDLERS), f"EKSExtensionResponse has no handler of {op}")

    def test_routes_reach_their_handlers(self) -> None:
        # moto picks the operation from the method and the raw path by
        # botocore's model; the web app must route the decoded path to EKS.
        from moto.moto_server.werkzeug_app import create_backend_app

        ext.install()
        app = create_backend_app("eks")
        urls = app.url_map.bind("eks.us-east-1.amazonaws.com")
        resp = HANDLERS()
        resp.region = "us-east-1"
        for op, (method, uri) in ext.OPERATIONS.items():
            with self.subTest(op=op):
                raw = sample_path(uri)
                self.assertEqual(resp._get_action_from_method_and_request_uri(method, raw), op, f"{method} {raw} does not resolve to {op}")
                endpoint, _ = urls.match(unquote(raw), method=method)
                self.assertEqual(app.view_functions[endpoint].callback, HANDLERS.dispatch, f"{method} {raw} is not routed to EKSExtensionResponse")

    def test_input_members_read(self) -> None:
        fns = handler_asts()
        for op in ext.OPERATIONS:
            with self.subTest(op=op):
                shape = MODEL.operation_model(op).input_shape
                read = members_read(camelcase_to_underscores(op), fns)
                self.assertLessEqual(read, set(shape.members), f"{op} reads members its input shape does not have")
                self.assertLessEqual(set(shape.required_members), read, f"{op} does not read required members")
                self.assertEqual(set(shape.members) - read, set(), f"{op} ignores input members")

    def test_output_members_in_shape(self) -> None:
        fns = handler_asts()
        for op in ext.OPERATIONS:
            with self.subTest(op=op):
                shape = MODEL.operation_model(op).output_shape
                returned = members_returned(camelcase_to_underscores(op), fns)
                self.assertLessEqual(returned, set(shape.members if shape else ()), f"{op} returns members its output shape does not have")

    def test_url_pattern(self) -> None:
        self.assertEqual(ext.url_pattern("/clusters/{name}/access-entries/{principalArn}/access-policies"),
                         "{0}/clusters/(?P<name>[^/]+)/access-entries/(?P<principalArn>.+)/access-policies$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerTest(unittest.TestCase):
    """server.py run as the stack runs it, driven with boto3."""

    proc: subprocess.Popen[bytes]
    url: str

    @classmethod
    def setUpClass(cls) -> None:
        port = free_port()
        cls.url = f"http://127.0.0.1:{port}"
        cls.log = tempfile.NamedTemporaryFile(prefix="moto-ext-test-", suffix=".log", delete=False)
        cls.proc = subprocess.Popen([sys.executable, SERVER, "-H", "127.0.0.1", "-p", str(port)], stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(cls.url + "/moto-api/", timeout=2).read()
                return
            except OSError:
                if cls.proc.poll() is not None or time.time() > deadline:
                    with open(cls.log.name) as f:
                        out = f.read()[-4000:]
                    cls.tearDownClass()
                    raise RuntimeError(f"server.py did not start:\n{out}")
                time.sleep(0.2)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.proc.terminate()
        try:
            cls.proc.wait(10)
        except subprocess.TimeoutExpired:
            cls.proc.kill()
            cls.proc.wait()
        cls.log.close()
        os.unlink(cls.log.name)

    def setUp(self) -> None:
        urllib.request.urlopen(urllib.request.Request(self.url + "/moto-api/reset", method="POST")).read()
        self.eks = self.client("us-east-1")
        self.cluster = self.eks.create_cluster(name="c", version="1.35", roleArn=ROLE, resourcesVpcConfig={"subnetIds": ["subnet-1"]})["cluster"]

    def client(self, region: str) -> Any:
        c = boto3.client("eks", region_name=region, endpoint_url=self.url, aws_access_key_id="testing", aws_secret_access_key="testing")
        c.meta.events.register("before-parse.eks.*", self.check_response)
        return c

    def check_response(self, operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
        """Every answer of the extension fits botocore's model: a success its
        output shape, an error one of the operation's errors."""
        if operation_model.name not in ext.OPERATIONS and operation_model.name not in ext.EXTENDED_MOTO_OPERATIONS:
            return
        body = json.loads(response_dict["body"] or b"{}")
        if response_dict["status_code"] >= 300:
            code = response_dict["headers"].get("x-amzn-ErrorType", "").split(":")[0]
            errors = [s.name for s in operation_model.error_shapes]
            assert code in errors, f"{operation_model.name} answered {code}, not one of its errors {errors}"
            assert body.get("message"), f"{operation_model.name} answered {code} without a message: {body}"
            return
        errs = shape_errors(body, operation_model.output_shape, operation_model.name) if operation_model.output_shape else ([] if body == {} else [f"{body}"])
        assert not errs, "\n".join(errs)

    def assertError(self, code: str, message: str | None, call: Any, **kwargs: Any) -> dict[str, Any]:
        with self.assertRaises(ClientError) as cm:
            call(**kwargs)
        err = cm.exception.response["Error"]
        self.assertEqual(err["Code"], code, cm.exception)
        if message is not None:
            self.assertEqual(err["Message"], message)
        return cm.exception.response

    # --- clusters --------------------------------------------------------

    def test_a_missing_cluster_is_not_found(self) -> None:
        msg = "No cluster found for name: nope."
        for call, kwargs in [
            (self.eks.create_addon, {"clusterName": "nope", "addonName": "a"}),
            (self.eks.describe_addon, {"clusterName": "nope", "addonName": "a"}),
            (self.eks.list_addons, {"clusterName": "nope"}),
            (self.eks.create_access_entry, {"clusterName": "nope", "principalArn": ROLE}),
            (self.eks.list_associated_access_policies, {"clusterName": "nope", "principalArn": ROLE}),
            (self.eks.create_pod_identity_association, {"clusterName": "nope", "namespace": "n", "serviceAccount": "s", "roleArn": ROLE}),
            (self.eks.list_pod_identity_associations, {"clusterName": "nope"}),
            (self.eks.update_cluster_version, {"name": "nope", "version": "1.36"}),
            (self.eks.update_nodegroup_version, {"clusterName": "nope", "nodegroupName": "ng"}),
            (self.eks.describe_update, {"name": "nope", "updateId": "x"}),
        ]:
            with self.subTest(op=call.__name__):
                r = self.assertError("ResourceNotFoundException", msg, call, **kwargs)
                self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 404)

    def test_state_is_per_region_and_goes_with_the_cluster(self) -> None:
        self.eks.create_addon(clusterName="c", addonName="vpc-cni")
        self.assertError("ResourceNotFoundException", "No cluster found for name: c.", self.client("eu-west-1").list_addons, clusterName="c")
        self.eks.delete_cluster(name="c")
        self.eks.create_cluster(name="c", version="1.35", roleArn=ROLE, resourcesVpcConfig={})
        self.assertEqual(self.eks.list_addons(clusterName="c")["addons"], [])

    # --- add-ons ---------------------------------------------------------

    def test_addon_lifecycle(self) -> None:
        values = '{"env": {"A": "1"}}'
        a = self.eks.create_addon(clusterName="c", addonName="vpc-cni", addonVersion="v1.2.3-eksbuild.1", serviceAccountRoleArn=ROLE,
                                  configurationValues=values, resolveConflicts="OVERWRITE", tags={"team": "a"})["addon"]
        self.assertEqual((a["addonName"], a["clusterName"], a["status"], a["addonVersion"], a["serviceAccountRoleArn"], a["configurationValues"], a["tags"]),
                         ("vpc-cni", "c", "ACTIVE", "v1.2.3-eksbuild.1", ROLE, values, {"team": "a"}))
        self.assertRegex(a["addonArn"], rf"^arn:aws:eks:us-east-1:{ACCOUNT}:addon/c/vpc-cni/[0-9a-f-]{{36}}$")
        self.assertEqual(a["health"], {"issues": []})
        self.assertEqual(a["createdAt"], a["modifiedAt"])
        self.assertError("ResourceInUseException", "Addon already exists.", self.eks.create_addon, clusterName="c", addonName="vpc-cni")

        self.assertEqual(self.eks.describe_addon(clusterName="c", addonName="vpc-cni")["addon"]["addonArn"], a["addonArn"])
        self.eks.create_addon(clusterName="c", addonName="coredns")
        self.assertEqual(self.eks.list_addons(clusterName="c")["addons"], ["coredns", "vpc-cni"])
        first = self.eks.list_addons(clusterName="c", maxResults=1)
        self.assertEqual((first["addons"], self.eks.list_addons(clusterName="c", nextToken=first["nextToken"])["addons"]), (["coredns"], ["vpc-cni"]))
        self.assertTrue(self.eks.describe_addon(clusterName="c", addonName="coredns")["addon"]["addonVersion"])

        u = self.eks.update_addon(clusterName="c", addonName="vpc-cni", addonVersion="v1.3.0-eksbuild.1", configurationValues='{"env": {}}', serviceAccountRoleArn=ROLE2)["update"]
        self.assertEqual((u["status"], u["type"]), ("Successful", "AddonUpdate"))
        self.assertIn({"type": "AddonVersion", "value": "v1.3.0-eksbuild.1"}, u["params"])
        got = self.eks.describe_addon(clusterName="c", addonName="vpc-cni")["addon"]
        self.assertEqual((got["addonVersion"], got["configurationValues"], got["serviceAccountRoleArn"]), ("v1.3.0-eksbuild.1", '{"env": {}}', ROLE2))
        self.assertGreater(got["modifiedAt"], got["createdAt"])
        self.assertEqual(self.eks.describe_update(name="c", updateId=u["id"], addonName="vpc-cni")["update"]["id"], u["id"])
        self.assertEqual(self.eks.list_updates(name="c", addonName="vpc-cni")["updateIds"], [u["id"]])
        self.assertError("ResourceNotFoundException", f"No update found for ID: {u['id']}", self.eks.describe_update, name="c", updateId=u["id"])

        self.eks.tag_resource(resourceArn=a["addonArn"], tags={"env": "test"})
        self.eks.untag_resource(resourceArn=a["addonArn"], tagKeys=["team"])
        self.assertEqual(self.eks.list_tags_for_resource(resourceArn=a["addonArn"])["tags"], {"env": "test"})
        self.assertEqual(self.eks.describe_addon(clusterName="c", addonName="vpc-cni")["addon"]["tags"], {"env": "test"})

        self.assertEqual(self.eks.delete_addon(clusterName="c", addonName="vpc-cni", preserve=True)["addon"]["status"], "DELETING")
        msg = "No addon: vpc-cni found in cluster: c"
        self.assertError("ResourceNotFoundException", msg, self.eks.describe_addon, clusterName="c", addonName="vpc-cni")
        self.assertError("ResourceNotFoundException", msg, self.eks.delete_addon, clusterName="c", addonName="vpc-cni")
        self.assertError("ResourceNotFoundException", msg, self.eks.update_addon, clusterName="c", addonName="vpc-cni", addonVersion="v1")
        self.assertEqual(self.eks.list_addons(clusterName="c")["addons"], ["coredns"])

    def test_addon_pod_identity_associations(self) -> None:
        a = self.eks.create_addon(clusterName="c", addonName="vpc-cni", podIdentityAssociations=[{"serviceAccount": "aws-node", "roleArn": ROLE}])["addon"]
        self.assertEqual(len(a["podIdentityAssociations"]), 1)
        assoc = self.eks.list_pod_identity_associations(clusterName="c")["associations"]
        self.assertEqual([(s["namespace"], s["serviceAccount"], s["associationArn"], s["ownerArn"]) for s in assoc],
                         [("kube-system", "aws-node", a["podIdentityAssociations"][0], a["addonArn"])])
        self.assertError("InvalidRequestException", None, self.eks.delete_pod_identity_association, clusterName="c", associationId=assoc[0]["associationId"])
        self.eks.update_addon(clusterName="c", addonName="vpc-cni", podIdentityAssociations=[])
        self.assertEqual(self.eks.describe_addon(clusterName="c", addonName="vpc-cni")["addon"]["podIdentityAssociations"], [])
        self.assertEqual(self.eks.list_pod_identity_associations(clusterName="c")["associations"], [])

    # --- access entries and policies ---------------------------------------

    def test_access_entry_lifecycle(self) -> None:
        role = f"arn:aws:iam::{ACCOUNT}:role/path/admins"
        e = self.eks.create_access_entry(clusterName="c", principalArn=role, kubernetesGroups=["viewers"], tags={"team": "a"})["accessEntry"]
        self.assertEqual((e["clusterName"], e["principalArn"], e["type"], e["kubernetesGroups"], e["tags"]), ("c", role, "STANDARD", ["viewers"], {"team": "a"}))
        self.assertEqual(e["username"], f"arn:aws:sts::{ACCOUNT}:assumed-role/admins/{{{{SessionName}}}}")
        self.assertRegex(e["accessEntryArn"], rf"^arn:aws:eks:us-east-1:{ACCOUNT}:access-entry/c/role/{ACCOUNT}/admins/[0-9a-f-]{{36}}$")
        self.assertError("ResourceInUseException", "The specified access entry resource is already in use on this cluster.",
                         self.eks.create_access_entry, clusterName="c", principalArn=role)
        self.assertError("InvalidParameterException", "The specified principalArn is invalid: invalid principal.",
                         self.eks.create_access_entry, clusterName="c", principalArn="not-an-arn")

        self.assertEqual(self.eks.describe_access_entry(clusterName="c", principalArn=role)["accessEntry"]["accessEntryArn"], e["accessEntryArn"])
        got = self.eks.update_access_entry(clusterName="c", principalArn=role, kubernetesGroups=["editors", "viewers"], username="platform")["accessEntry"]
        self.assertEqual((got["kubernetesGroups"], got["username"]), (["editors", "viewers"], "platform"))
        self.assertEqual(self.eks.update_access_entry(clusterName="c", principalArn=role, kubernetesGroups=[])["accessEntry"]["kubernetesGroups"], [])
        self.assertEqual(self.eks.describe_access_entry(clusterName="c", principalArn=role)["accessEntry"]["username"], "platform")
        self.assertError("InvalidParameterException", None, self.eks.update_access_entry, clusterName="c", principalArn=role, username="system:admin")

        user = f"arn:aws:iam::{ACCOUNT}:user/alice"
        self.assertEqual(self.eks.create_access_entry(clusterName="c", principalArn=user)["accessEntry"]["username"], user)
        node = f"arn:aws:iam::{ACCOUNT}:role/node"
        self.assertError("InvalidParameterException", None, self.eks.create_access_entry, clusterName="c", principalArn=node, type="EC2_LINUX", username="x")
        self.eks.create_access_entry(clusterName="c", principalArn=node, type="EC2_LINUX")
        self.assertError("InvalidParameterException", 'This operation can only be performed on Access Entries with a type of "STANDARD".',
                         self.eks.update_access_entry, clusterName="c", principalArn=node, kubernetesGroups=["a"])
        self.assertEqual(sorted(self.eks.list_access_entries(clusterName="c")["accessEntries"]), sorted([role, user, node]))

        self.eks.tag_resource(resourceArn=e["accessEntryArn"], tags={"env": "x"})
        self.assertEqual(self.eks.describe_access_entry(clusterName="c", principalArn=role)["accessEntry"]["tags"], {"team": "a", "env": "x"})

        self.eks.delete_access_entry(clusterName="c", principalArn=role)
        msg = "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'."
        self.assertError("ResourceNotFoundException", msg, self.eks.describe_access_entry, clusterName="c", principalArn=role)
        self.assertError("ResourceNotFoundException", msg, self.eks.delete_access_entry, clusterName="c", principalArn=role)

    def test_access_policies(self) -> None:
        role = f"arn:aws:iam::{ACCOUNT}:role/admins"
        admin = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
        view = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
        msg = "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'."
        self.assertError("ResourceNotFoundException", msg, self.eks.associate_access_policy, clusterName="c", principalArn=role, policyArn=admin, accessScope={"type": "cluster"})
        self.assertError("ResourceNotFoundException", msg, self.eks.list_associated_access_policies, clusterName="c", principalArn=role)
        self.eks.create_access_entry(clusterName="c", principalArn=role)

        out = self.eks.associate_access_policy(clusterName="c", principalArn=role, policyArn=admin, accessScope={"type": "cluster"})
        self.assertEqual((out["clusterName"], out["principalArn"], out["associatedAccessPolicy"]["policyArn"]), ("c", role, admin))
        first = out["associatedAccessPolicy"]
        self.eks.associate_access_policy(clusterName="c", principalArn=role, policyArn=view, accessScope={"type": "namespace", "namespaces": ["a"]})
        again = self.eks.associate_access_policy(clusterName="c", principalArn=role, policyArn=admin, accessScope={"type": "namespace", "namespaces": ["b", "c"]})["associatedAccessPolicy"]
        self.assertEqual((again["accessScope"], again["associatedAt"]), ({"type": "namespace", "namespaces": ["b", "c"]}, first["associatedAt"]))
        self.assertGreater(again["modifiedAt"], first["modifiedAt"])
        listed = self.eks.list_associated_access_policies(clusterName="c", principalArn=role)
        self.assertEqual((listed["clusterName"], listed["principalArn"]), ("c", role))
        self.assertEqual({p["policyArn"]: p["accessScope"]["type"] for p in listed["associatedAccessPolicies"]}, {admin: "namespace", view: "namespace"})
        self.assertEqual(self.eks.list_access_entries(clusterName="c", associatedPolicyArn=view)["accessEntries"], [role])
        for scope in ({"type": "namespace"}, {"type": "cluster", "namespaces": ["a"]}, {"type": "everything"}):
            with self.subTest(scope=scope):
                self.assertError("InvalidParameterException", None, self.eks.associate_access_policy, clusterName="c", principalArn=role, policyArn=view, accessScope=scope)

        self.eks.disassociate_access_policy(clusterName="c", principalArn=role, policyArn=view)
        self.assertError("ResourceNotFoundException", None, self.eks.disassociate_access_policy, clusterName="c", principalArn=role, policyArn=view)
        self.assertEqual([p["policyArn"] for p in self.eks.list_associated_access_policies(clusterName="c", principalArn=role)["associatedAccessPolicies"]], [admin])
        self.eks.delete_access_entry(clusterName="c", principalArn=role)
        self.eks.create_access_entry(clusterName="c", principalArn=role)
        self.assertEqual(self.eks.list_associated_access_policies(clusterName="c", principalArn=role)["associatedAccessPolicies"], [])

    # --- pod identity associations -----------------------------------------

    def test_pod_identity_association_lifecycle(self) -> None:
        target = f"arn:aws:iam::{ACCOUNT}:role/target"
        a = self.eks.create_pod_identity_association(clusterName="c", namespace="apps", serviceAccount="app", roleArn=ROLE, targetRoleArn=target, tags={"team": "a"})["association"]
        self.assertRegex(a["associationId"], r"^a-[a-z0-9]{17}$")
        self.assertEqual(a["associationArn"], f"arn:aws:eks:us-east-1:{ACCOUNT}:podidentityassociation/c/{a['associationId']}")
        self.assertEqual((a["clusterName"], a["namespace"], a["serviceAccount"], a["roleArn"], a["targetRoleArn"], a["disableSessionTags"], a["tags"]),
                         ("c", "apps", "app", ROLE, target, False, {"team": "a"}))
        self.assertTrue(a["externalId"])
        self.assertError("ResourceInUseException", f"Association already exists: {a['associationId']}",
                         self.eks.create_pod_identity_association, clusterName="c", namespace="apps", serviceAccount="app", roleArn=ROLE)
        self.assertError("InvalidParameterException", None, self.eks.create_pod_identity_association, clusterName="c", namespace="apps", serviceAccount="x", roleArn="bad")

        self.assertEqual(self.eks.describe_pod_identity_association(clusterName="c", associationId=a["associationId"])["association"]["associationArn"], a["associationArn"])
        other = self.eks.create_pod_identity_association(clusterName="c", namespace="jobs", serviceAccount="app", roleArn=ROLE)["association"]
        self.assertNotIn("externalId", other)
        ids = lambda **kw: [s["associationId"] for s in self.eks.list_pod_identity_associations(clusterName="c", **kw)["associations"]]  # noqa: E731
        self.assertEqual(sorted(ids()), sorted([a["associationId"], other["associationId"]]))
        self.assertEqual(ids(namespace="apps", serviceAccount="app"), [a["associationId"]])
        self.assertEqual(ids(serviceAccount="nobody"), [])

        got = self.eks.update_pod_identity_association(clusterName="c", associationId=a["associationId"], roleArn=ROLE2, targetRoleArn="", disableSessionTags=True)["association"]
        self.assertEqual((got["roleArn"], got.get("targetRoleArn"), got.get("externalId"), got["disableSessionTags"]), (ROLE2, None, None, True))
        self.assertGreater(got["modifiedAt"], got["createdAt"])
        self.eks.tag_resource(resourceArn=a["associationArn"], tags={"env": "x"})
        self.assertEqual(self.eks.describe_pod_identity_association(clusterName="c", associationId=a["associationId"])["association"]["tags"], {"team": "a", "env": "x"})

        self.assertEqual(self.eks.delete_pod_identity_association(clusterName="c", associationId=a["associationId"])["association"]["associationId"], a["associationId"])
        for call in (self.eks.describe_pod_identity_association, self.eks.delete_pod_identity_association):
            self.assertError("ResourceNotFoundException", None, call, clusterName="c", associationId=a["associationId"])
        self.assertEqual(ids(), [other["associationId"]])

    # --- versions and updates ----------------------------------------------

    def test_cluster_config(self) -> None:
        c = self.eks.create_cluster(name="a", roleArn=ROLE, resourcesVpcConfig={"subnetIds": ["subnet-1"], "endpointPublicAccess": True},
                                    accessConfig={"authenticationMode": "API_AND_CONFIG_MAP", "bootstrapClusterCreatorAdminPermissions": False},
                                    upgradePolicy={"supportType": "STANDARD"})["cluster"]
        self.assertEqual(c["accessConfig"], {"authenticationMode": "API_AND_CONFIG_MAP", "bootstrapClusterCreatorAdminPermissions": False})
        got = self.eks.describe_cluster(name="a")["cluster"]
        self.assertEqual(got["accessConfig"]["authenticationMode"], "API_AND_CONFIG_MAP")
        self.assertEqual(got["upgradePolicy"], {"supportType": "STANDARD"})
        # Defaults as EKS's.
        self.assertEqual(self.cluster["accessConfig"], {"authenticationMode": "CONFIG_MAP", "bootstrapClusterCreatorAdminPermissions": True})
        self.assertEqual(self.cluster["upgradePolicy"], {"supportType": "EXTENDED"})

        update_types = MODEL.shape_for("UpdateType").enum
        param_types = MODEL.shape_for("UpdateParamType").enum
        for kwargs, check in (
            ({"accessConfig": {"authenticationMode": "API"}}, lambda c: c["accessConfig"]["authenticationMode"] == "API"),
            ({"upgradePolicy": {"supportType": "EXTENDED"}}, lambda c: c["upgradePolicy"]["supportType"] == "EXTENDED"),
            ({"resourcesVpcConfig": {"endpointPrivateAccess": True}},
             lambda c: c["resourcesVpcConfig"]["endpointPrivateAccess"] and c["resourcesVpcConfig"]["subnetIds"] == ["subnet-1"]),
            ({"logging": {"clusterLogging": [{"types": ["api"], "enabled": True}]}}, lambda c: c["logging"]["clusterLogging"][0]["types"] == ["api"]),
            ({"computeConfig": {"enabled": True, "nodePools": ["system"], "nodeRoleArn": ROLE2}, "storageConfig": {"blockStorage": {"enabled": True}},
              "kubernetesNetworkConfig": {"elasticLoadBalancing": {"enabled": True}}},
             lambda c: c["computeConfig"]["nodePools"] == ["system"] and c["storageConfig"]["blockStorage"]["enabled"]
             and c["kubernetesNetworkConfig"]["elasticLoadBalancing"]["enabled"]),
        ):
            with self.subTest(kwargs=kwargs):
                u = self.eks.update_cluster_config(name="a", **kwargs)["update"]
                self.assertIn(u["type"], update_types)
                self.assertEqual(u["status"], "Successful")
                for prm in u["params"]:
                    self.assertIn(prm["type"], param_types)
                self.assertEqual(self.eks.describe_update(name="a", updateId=u["id"])["update"]["id"], u["id"])
                self.assertTrue(check(self.eks.describe_cluster(name="a")["cluster"]))

        # One kind of update per call, and the authentication mode only
        # moves from CONFIG_MAP towards API.
        for kwargs in ({"logging": {"clusterLogging": []}, "upgradePolicy": {"supportType": "STANDARD"}}, {},
                       {"accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"}}):
            with self.subTest(kwargs=kwargs), self.assertRaises(ClientError) as e:
                self.eks.update_cluster_config(name="a", **kwargs)
            self.assertEqual(e.exception.response["Error"]["Code"], "InvalidParameterException")

    def test_cluster_version(self) -> None:
        u = self.eks.update_cluster_version(name="c", version="1.36")["update"]
        self.assertEqual((u["status"], u["type"]), ("Successful", "VersionUpdate"))
        self.assertIn({"type": "Version", "value": "1.36"}, u["params"])
        self.assertEqual(self.eks.describe_cluster(name="c")["cluster"]["version"], "1.36")
        self.assertEqual(self.eks.describe_update(name="c", updateId=u["id"])["update"], u)
        self.assertEqual(self.eks.list_updates(name="c")["updateIds"], [u["id"]])
        self.assertError("ResourceNotFoundException", "No update found for ID: nope", self.eks.describe_update, name="c", updateId="nope")
        for v in ("1.36", "1.38", "1.35"):
            with self.subTest(version=v):
                self.assertError("InvalidParameterException", f"Unsupported Kubernetes minor version update from 1.36 to {v}", self.eks.update_cluster_version, name="c", version=v)
        self.eks.create_nodegroup(clusterName="c", nodegroupName="ng", nodeRole=ROLE, subnets=["subnet-1"], version="1.35")
        self.assertError("InvalidRequestException", None, self.eks.update_cluster_version, name="c", version="1.37")

    def test_nodegroup_version(self) -> None:
        ng = self.eks.create_nodegroup(clusterName="c", nodegroupName="ng", nodeRole=ROLE, subnets=["subnet-1"], version="1.34", tags={"team": "a"})["nodegroup"]
        self.assertError("InvalidParameterException", None, self.eks.update_nodegroup_version, clusterName="c", nodegroupName="ng", version="1.36")
        self.assertError("ResourceNotFoundException", "No node group found for name: nope.", self.eks.update_nodegroup_version, clusterName="c", nodegroupName="nope")
        u = self.eks.update_nodegroup_version(clusterName="c", nodegroupName="ng", version="1.35", releaseVersion="1.35.0-20260101")["update"]
        self.assertEqual((u["status"], u["type"]), ("Successful", "VersionUpdate"))
        got = self.eks.describe_nodegroup(clusterName="c", nodegroupName="ng")["nodegroup"]
        self.assertEqual((got["version"], got["releaseVersion"]), ("1.35", "1.35.0-20260101"))
        self.assertEqual(self.eks.describe_update(name="c", updateId=u["id"], nodegroupName="ng")["update"]["id"], u["id"])
        self.assertError("ResourceNotFoundException", None, self.eks.describe_update, name="c", updateId=u["id"])
        # Without a version the node group moves to the cluster's.
        self.eks.update_cluster_version(name="c", version="1.36")
        self.eks.update_nodegroup_version(clusterName="c", nodegroupName="ng")
        self.assertEqual(self.eks.describe_nodegroup(clusterName="c", nodegroupName="ng")["nodegroup"]["version"], "1.36")

        # moto's own UpdateNodegroupConfig updates are found too.
        c = self.eks.update_nodegroup_config(clusterName="c", nodegroupName="ng", scalingConfig={"minSize": 1, "maxSize": 3, "desiredSize": 2})["update"]
        self.assertEqual(self.eks.describe_update(name="c", updateId=c["id"], nodegroupName="ng")["update"]["status"], "Successful")
        self.assertEqual(len(self.eks.list_updates(name="c", nodegroupName="ng")["updateIds"]), 3)

        self.eks.tag_resource(resourceArn=ng["nodegroupArn"], tags={"env": "x"})
        self.assertEqual(self.eks.describe_nodegroup(clusterName="c", nodegroupName="ng")["nodegroup"]["tags"], {"team": "a", "env": "x"})
        # moto still tags clusters itself.
        self.eks.tag_resource(resourceArn=self.cluster["arn"], tags={"env": "x"})
        self.assertEqual(self.eks.list_tags_for_resource(resourceArn=self.cluster["arn"])["tags"], {"env": "x"})


if __name__ == "__main__":
    unittest.main()
