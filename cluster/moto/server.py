# moto server with the EKS operations moto 5.2.1 lacks.
#
# The local stack (cluster/local/moto.go) runs this instead of
# `python3 -m moto.server`, with the same arguments (-H host -p port, and
# any other moto.server option). It imports moto, extends moto's EKS service
# and then runs moto's own server, so everything else is plain moto.
#
# What it adds (REST-JSON paths and methods as in botocore's EKS model,
# checked by test_server.py):
#   add-ons              CreateAddon, DescribeAddon, UpdateAddon, DeleteAddon,
#                        ListAddons
#   access entries       CreateAccessEntry, DescribeAccessEntry,
#                        UpdateAccessEntry, DeleteAccessEntry, ListAccessEntries
#   access policies      AssociateAccessPolicy, ListAssociatedAccessPolicies,
#                        DisassociateAccessPolicy
#   pod identity         CreatePodIdentityAssociation,
#                        DescribePodIdentityAssociation,
#                        ListPodIdentityAssociations,
#                        UpdatePodIdentityAssociation,
#                        DeletePodIdentityAssociation
#   versions / updates   UpdateClusterVersion, UpdateNodegroupVersion,
#                        DescribeUpdate, ListUpdates (also for the updates
#                        moto's own UpdateNodegroupConfig returns)
#   cluster config       CreateCluster and DescribeCluster also keep and show
#                        the access configuration, upgrade policy and Auto
#                        Mode settings (moto: none of them); UpdateClusterConfig
#                        applies every kind of update (one per call, as in
#                        EKS) and returns it (moto: logging and VPC only, and
#                        no update)
#   tags                 TagResource, UntagResource and ListTagsForResource
#                        also for add-ons, access entries, pod identity
#                        associations and node groups (moto: clusters only)
#
# Why: the provider's EKS controllers (internal/controller/eks/) call these,
# and the e2e tests (test/e2e/eks_*_test.go) drive them against moto.
#
# How it behaves, like moto's own EKS backend: state is in memory, kept on
# moto's Cluster objects, so it is per account and region, goes with
# DeleteCluster and with /moto-api/reset. A call on a cluster moto does not
# have fails with ResourceNotFoundException ("No cluster found for name:
# x."); a missing resource is ResourceNotFoundException and a duplicate
# ResourceInUseException, with AWS's messages where they are known. Statuses
# are ACTIVE at once and updates are applied at once (status Successful).
# ARNs and IDs have AWS's formats; timestamps are set on create and modify.
# As in EKS, a cluster moves up one minor version at a time and only when its
# node groups are at its version, and a node group cannot pass its cluster
# (mind that moto gives a node group created without a version 1.19).
#
# Not emulated: add-on versions and configuration schemas (any version and
# any configurationValues are accepted), the access policies' list (any
# arn:<partition>:eks::aws:cluster-access-policy/<name> is accepted), IAM
# checks of role trust policies, and in-progress states.

from __future__ import annotations

import json
import re
import string
import sys
import uuid
from datetime import datetime, timezone
from typing import Any

import moto.eks.urls as eks_urls
from moto.core.responses import EmptyResult
from moto.eks.exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceInUseException,
    ResourceNotFoundException,
)
from moto.eks.models import (
    CLUSTER_NOT_FOUND_MSG,
    CLUSTER_NOT_READY_MSG,
    NODEGROUP_NOT_FOUND_MSG,
    EKSBackend,
    eks_backends,
    paginated_list,
)
from moto.eks.responses import EKSResponse
from moto.eks.utils import validate_role_arn
from moto.moto_api._internal import mock_random as random

# The operations this extension implements: botocore's HTTP method and
# requestUri of each. test_server.py checks them against botocore's model;
# the URL patterns the server routes to EKS are made from them.
OPERATIONS: dict[str, tuple[str, str]] = {
    "CreateAddon": ("POST", "/clusters/{name}/addons"),
    "DescribeAddon": ("GET", "/clusters/{name}/addons/{addonName}"),
    "UpdateAddon": ("POST", "/clusters/{name}/addons/{addonName}/update"),
    "DeleteAddon": ("DELETE", "/clusters/{name}/addons/{addonName}"),
    "ListAddons": ("GET", "/clusters/{name}/addons"),
    "CreateAccessEntry": ("POST", "/clusters/{name}/access-entries"),
    "DescribeAccessEntry": ("GET", "/clusters/{name}/access-entries/{principalArn}"),
    "UpdateAccessEntry": ("POST", "/clusters/{name}/access-entries/{principalArn}"),
    "DeleteAccessEntry": ("DELETE", "/clusters/{name}/access-entries/{principalArn}"),
    "ListAccessEntries": ("GET", "/clusters/{name}/access-entries"),
    "AssociateAccessPolicy": ("POST", "/clusters/{name}/access-entries/{principalArn}/access-policies"),
    "ListAssociatedAccessPolicies": ("GET", "/clusters/{name}/access-entries/{principalArn}/access-policies"),
    "DisassociateAccessPolicy": ("DELETE", "/clusters/{name}/access-entries/{principalArn}/access-policies/{policyArn}"),
    "CreatePodIdentityAssociation": ("POST", "/clusters/{name}/pod-identity-associations"),
    "DescribePodIdentityAssociation": ("GET", "/clusters/{name}/pod-identity-associations/{associationId}"),
    "ListPodIdentityAssociations": ("GET", "/clusters/{name}/pod-identity-associations"),
    "UpdatePodIdentityAssociation": ("POST", "/clusters/{name}/pod-identity-associations/{associationId}"),
    "DeletePodIdentityAssociation": ("DELETE", "/clusters/{name}/pod-identity-associations/{associationId}"),
    "UpdateClusterVersion": ("POST", "/clusters/{name}/updates"),
    "UpdateNodegroupVersion": ("POST", "/clusters/{name}/node-groups/{nodegroupName}/update-version"),
    "DescribeUpdate": ("GET", "/clusters/{name}/updates/{updateId}"),
    "ListUpdates": ("GET", "/clusters/{name}/updates"),
}

# moto operations whose behaviour is extended (tags of the new resources,
# and recording the updates UpdateNodegroupConfig returns); their routes are
# moto's.
EXTENDED_MOTO_OPERATIONS = ("TagResource", "UntagResource", "ListTagsForResource", "UpdateNodegroupConfig", "CreateCluster", "UpdateClusterConfig")

# URI labels whose values hold "/" once decoded (ARNs): the web server
# decodes %2F before routing, so their URL patterns match across "/".
SLASHED_LABELS = {"principalArn", "policyArn"}

# AWS's messages (as AWS and moto word them).
ADDON_EXISTS_MSG = "Addon already exists."
ADDON_NOT_FOUND_MSG = "No addon: {addonName} found in cluster: {clusterName}"
ACCESS_ENTRY_EXISTS_MSG = "The specified access entry resource is already in use on this cluster."
ACCESS_ENTRY_NOT_FOUND_MSG = "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'."
ACCESS_ENTRY_NOT_STANDARD_MSG = 'This operation can only be performed on Access Entries with a type of "STANDARD".'
PRINCIPAL_INVALID_MSG = "The specified principalArn is invalid: invalid principal."
POLICY_NOT_ASSOCIATED_MSG = "The specified policy {policyArn} is not associated with the access entry."
ASSOCIATION_EXISTS_MSG = "Association already exists: {associationId}"
ASSOCIATION_NOT_FOUND_MSG = "The specified pod identity association {associationId} could not be found."
ASSOCIATION_OWNED_MSG = "The pod identity association {associationId} is owned by {ownerArn}: change it through its owner."
UPDATE_NOT_FOUND_MSG = "No update found for ID: {updateId}"
VERSION_UPDATE_MSG = "Unsupported Kubernetes minor version update from {current} to {target}"
NODEGROUP_VERSION_MSG = "Requested Nodegroup Kubernetes version {version} is not supported on a cluster with Kubernetes version {clusterVersion}"
NODEGROUPS_BEHIND_MSG = "Nodegroups {nodegroups} must be updated to match cluster version {version} before updating cluster version"
NODEGROUP_NOT_READY_MSG = "Nodegroup '{nodegroupName}' is not in ACTIVE status"
ONE_UPDATE_MSG = "Only one type of update can be allowed."
AUTH_MODE_MSG = "Unsupported authentication mode update from {current} to {target}"
# EKS moves a cluster's authentication mode only this way.
AUTH_MODE_NEXT = {"CONFIG_MAP": ("API_AND_CONFIG_MAP", "API"), "API_AND_CONFIG_MAP": ("API",), "API": ()}

ACTIVE = "ACTIVE"
DEFAULT_ADDON_VERSION = "v1.0.0-eksbuild.1"
DEFAULT_ADDON_NAMESPACE = "kube-system"
ACCESS_ENTRY_TYPES = ("STANDARD", "FARGATE_LINUX", "EC2_LINUX", "EC2_WINDOWS", "EC2", "HYBRID_LINUX", "HYPERPOD_LINUX")
ACCESS_SCOPE_TYPES = ("cluster", "namespace")
RESERVED_USERNAME_PREFIXES = ("system:", "eks:", "aws:", "amazon:", "iam:")
PRINCIPAL_RE = re.compile(r"^arn:(?P<partition>[^:]+):iam::(?P<account>[0-9]{12}):(?P<kind>role|user)/(?:.+/)?(?P<name>[^/]+)$")
ACCESS_POLICY_RE = re.compile(r"^arn:[^:]+:eks::aws:cluster-access-policy/[A-Za-z0-9]+$")
VERSION_RE = re.compile(r"^(\d+)\.(\d+)$")


def now() -> datetime:
    return datetime.now(timezone.utc)


def timestamp(t: datetime) -> float:
    """Epoch seconds, as REST-JSON sends timestamps (naive times are UTC, as moto's)."""
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.timestamp()


def to_json(body: dict[str, Any]) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, datetime):
            return timestamp(o)
        raise TypeError(f"cannot serialize {type(o).__name__}")

    return json.dumps(body, default=default)


def not_found(message: str, **ids: str | None) -> ResourceNotFoundException:
    return ResourceNotFoundException(**{k: v for k, v in ids.items() if v is not None}, message=message)


def in_use(message: str, **ids: str | None) -> ResourceInUseException:
    return ResourceInUseException(**{k: v for k, v in ids.items() if v is not None}, message=message)


def invalid(message: str, **ids: str | None) -> InvalidParameterException:
    return InvalidParameterException(**{k: v for k, v in ids.items() if v is not None}, message=message)


def parse_version(v: str, what: str) -> tuple[int, int]:
    m = VERSION_RE.match(v or "")
    if not m:
        raise invalid(f"Invalid {what} version: {v!r}")
    return int(m.group(1)), int(m.group(2))


def record_update(cluster: Any, scope: tuple[str, str | None], update: dict[str, Any]) -> dict[str, Any]:
    """Keeps an update for DescribeUpdate and ListUpdates and returns it."""
    state(cluster).updates[update["id"]] = (scope, update)
    return update


def new_update(kind: str, params: list[tuple[str, Any]]) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "status": "Successful",
        "type": kind,
        "params": [{"type": t, "value": v if isinstance(v, str) else json.dumps(v)} for t, v in params if v is not None],
        "createdAt": now(),
        "errors": [],
    }


def nodegroup_config_params(param: Any) -> list[tuple[str, Any]]:
    """The update parameters (AWS's UpdateParamType) of an UpdateNodegroupConfig request."""
    params: list[tuple[str, Any]] = []
    scaling = param("scalingConfig") or {}
    params += [(t, str(scaling[k])) for k, t in (("minSize", "MinSize"), ("maxSize", "MaxSize"), ("desiredSize", "DesiredSize")) if k in scaling]
    labels, taints = param("labels") or {}, param("taints") or {}
    params += [(t, d[k]) for d, k, t in ((labels, "addOrUpdateLabels", "LabelsToAdd"), (labels, "removeLabels", "LabelsToRemove"),
                                         (taints, "addOrUpdateTaints", "TaintsToAdd"), (taints, "removeTaints", "TaintsToRemove")) if d.get(k)]
    update = param("updateConfig") or {}
    params += [(t, str(update[k])) for k, t in (("maxUnavailable", "MaxUnavailable"), ("maxUnavailablePercentage", "MaxUnavailablePercentage"),
                                                ("updateStrategy", "UpdateStrategy")) if k in update]
    repair = param("nodeRepairConfig") or {}
    if "enabled" in repair:
        params.append(("NodeRepairEnabled", str(repair["enabled"]).lower()))
    return params


class Addon:
    def __init__(self, cluster: Any, name: str, version: str, arn: str):
        self.cluster_name = cluster.name
        self.name = name
        self.version = version
        self.arn = arn
        self.status = ACTIVE
        self.service_account_role_arn: str | None = None
        self.configuration_values: str | None = None
        self.namespace = DEFAULT_ADDON_NAMESPACE
        self.pod_identity_associations: list[str] = []  # their ARNs
        self.tags: dict[str, str] = {}
        self.created_at = self.modified_at = now()

    def view(self) -> dict[str, Any]:
        v: dict[str, Any] = {
            "addonName": self.name,
            "clusterName": self.cluster_name,
            "status": self.status,
            "addonVersion": self.version,
            "health": {"issues": []},
            "addonArn": self.arn,
            "createdAt": self.created_at,
            "modifiedAt": self.modified_at,
            "tags": self.tags,
            "publisher": "eks",
            "owner": "aws",
            "podIdentityAssociations": self.pod_identity_associations,
        }
        if self.service_account_role_arn:
            v["serviceAccountRoleArn"] = self.service_account_role_arn
        if self.configuration_values:
            v["configurationValues"] = self.configuration_values
        if self.namespace != DEFAULT_ADDON_NAMESPACE:
            v["namespaceConfig"] = {"namespace": self.namespace}
        return v


class AccessEntry:
    def __init__(self, cluster: Any, principal_arn: str, kind: str, arn: str):
        self.cluster_name = cluster.name
        self.principal_arn = principal_arn
        self.type = kind
        self.arn = arn
        self.kubernetes_groups: list[str] = []
        self.username = ""
        self.tags: dict[str, str] = {}
        self.policies: dict[str, dict[str, Any]] = {}  # policyArn -> AssociatedAccessPolicy
        self.created_at = self.modified_at = now()

    def view(self) -> dict[str, Any]:
        return {
            "clusterName": self.cluster_name,
            "principalArn": self.principal_arn,
            "kubernetesGroups": self.kubernetes_groups,
            "accessEntryArn": self.arn,
            "createdAt": self.created_at,
            "modifiedAt": self.modified_at,
            "tags": self.tags,
            "username": self.username,
            "type": self.type,
        }


class PodIdentityAssociation:
    def __init__(self, cluster: Any, association_id: str, arn: str, namespace: str, service_account: str, role_arn: str):
        self.cluster_name = cluster.name
        self.id = association_id
        self.arn = arn
        self.namespace = namespace
        self.service_account = service_account
        self.role_arn = role_arn
        self.target_role_arn: str | None = None
        self.external_id: str | None = None
        self.disable_session_tags = False
        self.policy: str | None = None
        self.owner_arn: str | None = None
        self.tags: dict[str, str] = {}
        self.created_at = self.modified_at = now()

    def set_target_role(self, target: str | None) -> None:
        # AWS gives an association with a target role an external ID for the
        # target role's trust policy.
        self.target_role_arn = target or None
        if self.target_role_arn is None:
            self.external_id = None
        elif self.external_id is None:
            self.external_id = str(uuid.uuid4())

    def summary(self) -> dict[str, Any]:
        s = {
            "clusterName": self.cluster_name,
            "namespace": self.namespace,
            "serviceAccount": self.service_account,
            "associationArn": self.arn,
            "associationId": self.id,
        }
        if self.owner_arn:
            s["ownerArn"] = self.owner_arn
        return s

    def view(self) -> dict[str, Any]:
        v = self.summary()
        v.update(
            roleArn=self.role_arn,
            tags=self.tags,
            createdAt=self.created_at,
            modifiedAt=self.modified_at,
            disableSessionTags=self.disable_session_tags,
        )
        for k, val in (("targetRoleArn", self.target_role_arn), ("externalId", self.external_id), ("policy", self.policy)):
            if val:
                v[k] = val
        return v


class ClusterState:
    """What this extension keeps for one of moto's clusters."""

    def __init__(self) -> None:
        self.addons: dict[str, Addon] = {}
        self.access_entries: dict[str, AccessEntry] = {}
        self.pod_identity_associations: dict[str, PodIdentityAssociation] = {}
        self.updates: dict[str, tuple[tuple[str, str | None], dict[str, Any]]] = {}


def state(cluster: Any) -> ClusterState:
    s = getattr(cluster, "_kaws_ext", None)
    if s is None:
        s = ClusterState()
        cluster._kaws_ext = s
    return s


def page(items: list[Any], max_results: int | None, next_token: str | None) -> tuple[list[Any], Any]:
    try:
        return paginated_list(items, max_results or 100, next_token)
    except ValueError:
        raise invalid("The nextToken is invalid.")


class EKSExtensionResponse(EKSResponse):
    """moto's EKS responses plus the operations of OPERATIONS.

    Their input is parsed by moto's botocore-model parser into self.params
    (botocore's member names: clusterName, addonName, ...); handlers read it
    only through _arg and _required, which test_server.py checks against
    the operation's input shape, and answer with _respond, whose top-level
    keys it checks against the output shape.
    """

    def setup_class(self, request: Any, full_url: str, headers: Any, use_raw_body: bool = False) -> None:
        super().setup_class(request, full_url, headers, use_raw_body)
        self.params = {}
        if self._get_action() in OPERATIONS:
            self.parse_parameters(request)

    # --- helpers ---------------------------------------------------------

    @property
    def backend(self) -> EKSBackend:
        return eks_backends[self.current_account][self.region]

    def _arg(self, member: str, default: Any = None) -> Any:
        v = self.params.get(member)
        return default if v is None else v

    def _required(self, member: str) -> Any:
        v = self.params.get(member)
        if v is None or v == "":
            raise invalid(f"{member} is required")
        return v

    @staticmethod
    def _respond(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        return to_json(body), {"status": 200, "Content-Type": "application/json"}

    def _arn(self, resource: str) -> str:
        return f"arn:{self.backend.partition}:eks:{self.region}:{self.current_account}:{resource}"

    def _cluster(self, name: str, active: bool = False) -> Any:
        cluster = self.backend.clusters.get(name)
        if cluster is None:
            raise not_found(CLUSTER_NOT_FOUND_MSG.format(clusterName=name), clusterName=name)
        if active and not cluster.is_active:
            raise InvalidRequestException(message=CLUSTER_NOT_READY_MSG.format(clusterName=name))
        return cluster

    def _nodegroup(self, cluster: Any, name: str) -> Any:
        ng = cluster.nodegroups.get(name)
        if ng is None:
            raise not_found(NODEGROUP_NOT_FOUND_MSG.format(nodegroupName=name), clusterName=cluster.name, nodegroupName=name)
        return ng

    def _addon(self, cluster: Any, name: str) -> Addon:
        a = state(cluster).addons.get(name)
        if a is None:
            raise not_found(ADDON_NOT_FOUND_MSG.format(addonName=name, clusterName=cluster.name), clusterName=cluster.name, addonName=name)
        return a

    def _entry(self, cluster: Any, principal_arn: str) -> AccessEntry:
        e = state(cluster).access_entries.get(principal_arn)
        if e is None:
            raise not_found(ACCESS_ENTRY_NOT_FOUND_MSG, clusterName=cluster.name)
        return e

    def _association(self, cluster: Any, association_id: str) -> PodIdentityAssociation:
        a = state(cluster).pod_identity_associations.get(association_id)
        if a is None:
            raise not_found(ASSOCIATION_NOT_FOUND_MSG.format(associationId=association_id), clusterName=cluster.name)
        return a

    def _new_association(self, cluster: Any, namespace: str, service_account: str, role_arn: str) -> PodIdentityAssociation:
        s = state(cluster)
        for a in s.pod_identity_associations.values():
            if a.namespace == namespace and a.service_account == service_account:
                raise in_use(ASSOCIATION_EXISTS_MSG.format(associationId=a.id), clusterName=cluster.name)
        validate_role_arn(role_arn)
        association_id = "a-" + "".join(random.choice(string.ascii_lowercase + string.digits) for _ in range(17))
        a = PodIdentityAssociation(cluster, association_id, self._arn(f"podidentityassociation/{cluster.name}/{association_id}"), namespace, service_account, role_arn)
        s.pod_identity_associations[association_id] = a
        return a

    def _addon_associations(self, cluster: Any, addon: Addon, wanted: list[dict[str, str]]) -> None:
        """Makes the add-on's own pod identity associations those wanted."""
        s = state(cluster)
        owned = [a for a in s.pod_identity_associations.values() if a.owner_arn == addon.arn]
        accounts = [w.get("serviceAccount") or "" for w in wanted]
        for w, sa in zip(wanted, accounts):
            if not sa or accounts.count(sa) > 1:
                raise invalid(f"The podIdentityAssociations need one distinct serviceAccount each, not {sa!r}.", clusterName=cluster.name, addonName=addon.name)
            validate_role_arn(w.get("roleArn") or "")
            for a in s.pod_identity_associations.values():
                if a.namespace == addon.namespace and a.service_account == sa and a not in owned:
                    raise in_use(ASSOCIATION_EXISTS_MSG.format(associationId=a.id), clusterName=cluster.name, addonName=addon.name)
        for a in owned:
            del s.pod_identity_associations[a.id]
        addon.pod_identity_associations = []
        for w in wanted:
            a = self._new_association(cluster, addon.namespace, w["serviceAccount"], w["roleArn"])
            a.owner_arn = addon.arn
            addon.pod_identity_associations.append(a.arn)

    def _tagged(self, arn: str) -> dict[str, str] | None:
        """The tags of an add-on, access entry, pod identity association or
        node group with this ARN, or None (then moto's own lookup runs)."""
        for cluster in self.backend.clusters.values():
            s = state(cluster)
            for r in (*s.addons.values(), *s.access_entries.values(), *s.pod_identity_associations.values(), *cluster.nodegroups.values()):
                if r.arn == arn:
                    return r.tags
        return None

    # --- add-ons ---------------------------------------------------------

    def create_addon(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        name = self._required("addonName")
        s = state(cluster)
        if name in s.addons:
            raise in_use(ADDON_EXISTS_MSG, clusterName=cluster.name, addonName=name)
        role = self._arg("serviceAccountRoleArn")
        if role:
            validate_role_arn(role)
        addon = Addon(cluster, name, self._arg("addonVersion") or DEFAULT_ADDON_VERSION,
                      self._arn(f"addon/{cluster.name}/{name}/{uuid.uuid4()}"))
        addon.service_account_role_arn = role or None
        addon.configuration_values = self._arg("configurationValues") or None
        addon.namespace = (self._arg("namespaceConfig") or {}).get("namespace") or DEFAULT_ADDON_NAMESPACE
        addon.tags = dict(self._arg("tags", {}))
        self._arg("resolveConflicts")  # nothing to resolve in moto
        self._arg("clientRequestToken")
        self._addon_associations(cluster, addon, self._arg("podIdentityAssociations", []))
        s.addons[name] = addon
        return self._respond({"addon": addon.view()})

    def describe_addon(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        return self._respond({"addon": self._addon(cluster, self._required("addonName")).view()})

    def update_addon(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        addon = self._addon(cluster, self._required("addonName"))
        version = self._arg("addonVersion")
        role = self._arg("serviceAccountRoleArn")
        values = self._arg("configurationValues")
        associations = self._arg("podIdentityAssociations")
        resolve = self._arg("resolveConflicts")
        self._arg("clientRequestToken")
        if role:
            validate_role_arn(role)
        if associations is not None:
            self._addon_associations(cluster, addon, associations)
        if version:
            addon.version = version
        if role is not None:
            addon.service_account_role_arn = role or None  # "" removes it
        if values is not None:
            addon.configuration_values = values or None
        addon.modified_at = now()
        update = new_update("AddonUpdate", [("AddonVersion", version), ("ServiceAccountRoleArn", role),
                                            ("ConfigurationValues", values), ("ResolveConflicts", resolve),
                                            ("PodIdentityAssociations", associations)])
        return self._respond({"update": record_update(cluster, ("addon", addon.name), update)})

    def delete_addon(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        addon = self._addon(cluster, self._required("addonName"))
        self._arg("preserve")  # only keeps the add-on's Kubernetes objects
        self._addon_associations(cluster, addon, [])
        del state(cluster).addons[addon.name]
        addon.status = "DELETING"
        return self._respond({"addon": addon.view()})

    def list_addons(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        names, token = page(list(state(cluster).addons), self._arg("maxResults"), self._arg("nextToken"))
        return self._respond({"addons": names, "nextToken": token})

    # --- access entries --------------------------------------------------

    def create_access_entry(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        principal = self._required("principalArn")
        m = PRINCIPAL_RE.match(principal)
        if not m:
            raise invalid(PRINCIPAL_INVALID_MSG, clusterName=cluster.name)
        s = state(cluster)
        if principal in s.access_entries:
            raise in_use(ACCESS_ENTRY_EXISTS_MSG, clusterName=cluster.name)
        kind = self._arg("type") or "STANDARD"
        if kind not in ACCESS_ENTRY_TYPES:
            raise invalid(f"The type {kind} is not valid. Valid types: {', '.join(ACCESS_ENTRY_TYPES)}.", clusterName=cluster.name)
        groups = self._arg("kubernetesGroups")
        username = self._arg("username")
        if kind != "STANDARD" and (groups or username):
            raise invalid(f"The kubernetesGroups and username of an access entry of type {kind} cannot be set.", clusterName=cluster.name)
        self._check_username(username, cluster)
        self._arg("clientRequestToken")
        entry = AccessEntry(cluster, principal, kind,
                            self._arn(f"access-entry/{cluster.name}/{m['kind']}/{m['account']}/{m['name']}/{uuid.uuid4()}"))
        entry.kubernetes_groups = list(groups or [])
        entry.username = username or self._default_username(kind, principal, m)
        entry.tags = dict(self._arg("tags", {}))
        s.access_entries[principal] = entry
        return self._respond({"accessEntry": entry.view()})

    @staticmethod
    def _default_username(kind: str, principal: str, m: re.Match[str]) -> str:
        # The usernames EKS gives entries that do not name one.
        if kind == "STANDARD":
            if m["kind"] == "role":
                return f"arn:{m['partition']}:sts::{m['account']}:assumed-role/{m['name']}/{{{{SessionName}}}}"
            return principal
        if kind == "FARGATE_LINUX":
            return "system:node:{{SessionName}}"
        return "system:node:{{EC2PrivateDNSName}}"

    @staticmethod
    def _check_username(username: str | None, cluster: Any) -> None:
        if username and username.startswith(RESERVED_USERNAME_PREFIXES):
            raise invalid(f"The username {username} is not valid: it cannot start with {', '.join(RESERVED_USERNAME_PREFIXES)}.", clusterName=cluster.name)

    def describe_access_entry(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        return self._respond({"accessEntry": self._entry(cluster, self._required("principalArn")).view()})

    def update_access_entry(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        entry = self._entry(cluster, self._required("principalArn"))
        groups = self._arg("kubernetesGroups")
        username = self._arg("username")
        self._arg("clientRequestToken")
        if (groups is not None or username is not None) and entry.type != "STANDARD":
            raise invalid(ACCESS_ENTRY_NOT_STANDARD_MSG, clusterName=cluster.name)
        self._check_username(username, cluster)
        if groups is not None:
            entry.kubernetes_groups = list(groups)
        if username:
            entry.username = username
        entry.modified_at = now()
        return self._respond({"accessEntry": entry.view()})

    def delete_access_entry(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        entry = self._entry(cluster, self._required("principalArn"))
        del state(cluster).access_entries[entry.principal_arn]  # with its access policies
        return self._respond({})

    def list_access_entries(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        policy = self._arg("associatedPolicyArn")
        entries = [p for p, e in state(cluster).access_entries.items() if policy is None or policy in e.policies]
        arns, token = page(entries, self._arg("maxResults"), self._arg("nextToken"))
        return self._respond({"accessEntries": arns, "nextToken": token})

    # --- access policies -------------------------------------------------

    def associate_access_policy(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        entry = self._entry(cluster, self._required("principalArn"))
        policy = self._required("policyArn")
        scope = self._required("accessScope")
        if entry.type != "STANDARD":
            raise invalid(ACCESS_ENTRY_NOT_STANDARD_MSG, clusterName=cluster.name)
        if not ACCESS_POLICY_RE.match(policy):
            raise invalid(f"The policyArn {policy} is not valid.", clusterName=cluster.name)
        kind, namespaces = scope.get("type"), list(scope.get("namespaces") or [])
        if kind not in ACCESS_SCOPE_TYPES:
            raise invalid(f"The accessScope type {kind} is not valid. Valid types: {', '.join(ACCESS_SCOPE_TYPES)}.", clusterName=cluster.name)
        if kind == "namespace" and not namespaces:
            raise invalid("An accessScope of type namespace needs at least one namespace.", clusterName=cluster.name)
        if kind == "cluster" and namespaces:
            raise invalid("An accessScope of type cluster cannot have namespaces.", clusterName=cluster.name)
        t = now()
        associated = entry.policies.get(policy)
        if associated is None:
            associated = entry.policies[policy] = {"policyArn": policy, "associatedAt": t}
        associated.update(accessScope={"type": kind, "namespaces": namespaces}, modifiedAt=t)  # EKS replaces the scope
        return self._respond({"clusterName": cluster.name, "principalArn": entry.principal_arn, "associatedAccessPolicy": associated})

    def list_associated_access_policies(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        entry = self._entry(cluster, self._required("principalArn"))
        arns, token = page(list(entry.policies), self._arg("maxResults"), self._arg("nextToken"))
        return self._respond({"clusterName": cluster.name, "principalArn": entry.principal_arn, "nextToken": token,
                              "associatedAccessPolicies": [entry.policies[a] for a in arns]})

    def disassociate_access_policy(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        entry = self._entry(cluster, self._required("principalArn"))
        policy = self._required("policyArn")
        if entry.policies.pop(policy, None) is None:
            raise not_found(POLICY_NOT_ASSOCIATED_MSG.format(policyArn=policy), clusterName=cluster.name)
        return self._respond({})

    # --- pod identity associations ---------------------------------------

    def create_pod_identity_association(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        namespace, service_account, role = self._required("namespace"), self._required("serviceAccount"), self._required("roleArn")
        target = self._arg("targetRoleArn")
        if target:
            validate_role_arn(target)
        a = self._new_association(cluster, namespace, service_account, role)
        a.set_target_role(target)
        a.disable_session_tags = bool(self._arg("disableSessionTags", False))
        a.policy = self._arg("policy") or None
        a.tags = dict(self._arg("tags", {}))
        self._arg("clientRequestToken")
        return self._respond({"association": a.view()})

    def describe_pod_identity_association(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        return self._respond({"association": self._association(cluster, self._required("associationId")).view()})

    def list_pod_identity_associations(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        namespace, service_account = self._arg("namespace"), self._arg("serviceAccount")
        matching = {a.id: a for a in state(cluster).pod_identity_associations.values()
                    if namespace in (None, a.namespace) and service_account in (None, a.service_account)}
        ids, token = page(list(matching), self._arg("maxResults"), self._arg("nextToken"))
        return self._respond({"associations": [matching[i].summary() for i in ids], "nextToken": token})

    def _own_association(self, cluster: Any) -> PodIdentityAssociation:
        a = self._association(cluster, self._required("associationId"))
        if a.owner_arn:
            raise InvalidRequestException(message=ASSOCIATION_OWNED_MSG.format(associationId=a.id, ownerArn=a.owner_arn))
        return a

    def update_pod_identity_association(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        a = self._own_association(cluster)
        role, target = self._arg("roleArn"), self._arg("targetRoleArn")
        disable, policy = self._arg("disableSessionTags"), self._arg("policy")
        self._arg("clientRequestToken")
        for r in (role, target):
            if r:
                validate_role_arn(r)
        if role:
            a.role_arn = role
        if target is not None:
            a.set_target_role(target)  # "" removes the target role
        if disable is not None:
            a.disable_session_tags = bool(disable)
        if policy is not None:
            a.policy = policy or None
        a.modified_at = now()
        return self._respond({"association": a.view()})

    def delete_pod_identity_association(self) -> Any:
        cluster = self._cluster(self._required("clusterName"))
        a = self._own_association(cluster)
        del state(cluster).pod_identity_associations[a.id]
        return self._respond({"association": a.view()})

    # --- versions and updates --------------------------------------------

    def update_cluster_version(self) -> Any:
        cluster = self._cluster(self._required("name"), active=True)
        target = self._required("version")
        self._arg("force")
        self._arg("clientRequestToken")
        cmaj, cmin = parse_version(cluster.version, "Kubernetes")
        tmaj, tmin = parse_version(target, "Kubernetes")
        if (tmaj, tmin) != (cmaj, cmin + 1):
            # EKS upgrades one minor version at a time.
            raise invalid(VERSION_UPDATE_MSG.format(current=cluster.version, target=target), clusterName=cluster.name)
        behind = sorted(n for n, ng in cluster.nodegroups.items() if ng.version != cluster.version)
        if behind:
            # EKS upgrades a cluster only when its node groups are at its version.
            raise InvalidRequestException(message=NODEGROUPS_BEHIND_MSG.format(nodegroups=", ".join(behind), version=cluster.version))
        cluster.version = target
        update = new_update("VersionUpdate", [("Version", target), ("PlatformVersion", cluster.platformVersion)])
        return self._respond({"update": record_update(cluster, ("cluster", None), update)})

    def update_nodegroup_version(self) -> Any:
        cluster = self._cluster(self._required("clusterName"), active=True)
        ng = self._nodegroup(cluster, self._required("nodegroupName"))
        version, release = self._arg("version"), self._arg("releaseVersion")
        template = self._arg("launchTemplate")
        self._arg("force")
        self._arg("clientRequestToken")
        if ng.status != ACTIVE:
            raise InvalidRequestException(message=NODEGROUP_NOT_READY_MSG.format(nodegroupName=ng.nodegroup_name))
        # Without a version the node group moves to the cluster's version.
        version = version or cluster.version
        if parse_version(version, "Kubernetes") > parse_version(cluster.version, "Kubernetes"):
            raise invalid(NODEGROUP_VERSION_MSG.format(version=version, clusterVersion=cluster.version),
                          clusterName=cluster.name, nodegroupName=ng.nodegroup_name)
        if template and not ng.launch_template:
            raise invalid("The node group was not created with a launch template.", clusterName=cluster.name, nodegroupName=ng.nodegroup_name)
        if template:
            ng.launch_template = {**ng.launch_template, **template}
        if not release and not template:
            # The latest AMI release of the version.
            release = f"{version}.0-{now():%Y%m%d}"
        if release:
            ng.release_version = release
        ng.version = version
        ng.modified_at = now()
        params = [("Version", version), ("ReleaseVersion", release)]
        if template:
            params += [("LaunchTemplateName", template.get("name")), ("LaunchTemplateVersion", template.get("version"))]
        update = new_update("VersionUpdate", params)
        return self._respond({"update": record_update(cluster, ("nodegroup", ng.nodegroup_name), update)})

    def _update_scope(self, cluster: Any) -> tuple[str, str | None]:
        ng, addon = self._arg("nodegroupName"), self._arg("addonName")
        self._arg("capabilityName")  # capabilities are not emulated
        if ng:
            return "nodegroup", self._nodegroup(cluster, ng).nodegroup_name
        if addon:
            return "addon", self._addon(cluster, addon).name
        return "cluster", None

    def describe_update(self) -> Any:
        cluster = self._cluster(self._required("name"))
        update_id = self._required("updateId")
        scope = self._update_scope(cluster)
        got = state(cluster).updates.get(update_id)
        if got is None or got[0] != scope:
            raise not_found(UPDATE_NOT_FOUND_MSG.format(updateId=update_id), clusterName=cluster.name,
                            nodegroupName=self._arg("nodegroupName"), addonName=self._arg("addonName"))
        return self._respond({"update": got[1]})

    def list_updates(self) -> Any:
        cluster = self._cluster(self._required("name"))
        scope = self._update_scope(cluster)
        ids = [i for i, (s, _) in state(cluster).updates.items() if s == scope]
        got, token = page(ids, self._arg("maxResults"), self._arg("nextToken"))
        return self._respond({"updateIds": got, "nextToken": token})

    # --- moto's operations, extended -------------------------------------

    def update_nodegroup_config(self) -> Any:
        result = super().update_nodegroup_config()
        # moto's update, with the parameter types AWS reports, kept so that
        # DescribeUpdate finds it.
        update = result.result["update"]
        update["params"] = new_update("ConfigUpdate", nodegroup_config_params(self._get_param))["params"]
        cluster = self.backend.clusters[self._get_param("name")]
        record_update(cluster, ("nodegroup", self._get_param("nodegroupName")), update)
        return result

    def create_cluster(self) -> Any:
        result = super().create_cluster()
        cluster = self.backend.clusters[self._get_param("name")]
        access = self._get_param("accessConfig") or {}
        mode = access.get("authenticationMode", "CONFIG_MAP")
        if mode not in AUTH_MODE_NEXT:
            raise invalid(f"Invalid authenticationMode: {mode}", clusterName=cluster.name)
        cluster.access_config = {
            "authenticationMode": mode,
            "bootstrapClusterCreatorAdminPermissions": access.get("bootstrapClusterCreatorAdminPermissions", True),
        }
        cluster.upgrade_policy = self._get_param("upgradePolicy") or {"supportType": "EXTENDED"}
        for param, attr in (("computeConfig", "compute_config"), ("storageConfig", "storage_config")):
            if self._get_param(param) is not None:
                setattr(cluster, attr, self._get_param(param))
        return result

    def update_cluster_config(self) -> Any:
        """One kind of update per call, applied at once and returned, as
        EKS's UpdateClusterConfig (moto's applies logging and VPC settings,
        replacing the VPC configuration, and returns no update)."""
        cluster = self._cluster(self._get_param("name"), active=True)
        p = self._get_param
        network = p("kubernetesNetworkConfig") or {}
        kinds = [k for k, present in (
            ("LoggingUpdate", p("logging")),
            ("EndpointAccessUpdate", p("resourcesVpcConfig")),
            ("AccessConfigUpdate", p("accessConfig")),
            ("AutoModeUpdate", p("computeConfig") or p("storageConfig") or network.get("elasticLoadBalancing")),
            ("UpgradePolicyUpdate", p("upgradePolicy")),
            ("ZonalShiftConfigUpdate", p("zonalShiftConfig")),
            ("DeletionProtectionUpdate", p("deletionProtection") is not None),
            ("RemoteNetworkConfigUpdate", p("remoteNetworkConfig")),
            ("ControlPlaneScalingConfigUpdate", p("controlPlaneScalingConfig")),
        ) if present]
        if len(kinds) != 1:
            raise invalid(ONE_UPDATE_MSG, clusterName=cluster.name)
        kind, params = kinds[0], []
        if kind == "LoggingUpdate":
            cluster.logging = p("logging")
            params = [("ClusterLogging", p("logging").get("clusterLogging"))]
        elif kind == "EndpointAccessUpdate":
            vpc = p("resourcesVpcConfig")
            cluster.resources_vpc_config = {**cluster.resources_vpc_config, **vpc}
            params = [(t, vpc.get(k)) for k, t in (("endpointPublicAccess", "EndpointPublicAccess"), ("endpointPrivateAccess", "EndpointPrivateAccess"),
                                                   ("publicAccessCidrs", "PublicAccessCidrs"), ("subnetIds", "Subnets"), ("securityGroupIds", "SecurityGroups"))]
            params = [(t, str(v).lower() if isinstance(v, bool) else v) for t, v in params]
        elif kind == "AccessConfigUpdate":
            target = p("accessConfig").get("authenticationMode")
            current = getattr(cluster, "access_config", {}).get("authenticationMode", "CONFIG_MAP")
            if target != current:
                if target not in AUTH_MODE_NEXT.get(current, ()):
                    raise invalid(AUTH_MODE_MSG.format(current=current, target=target), clusterName=cluster.name)
                cluster.access_config = {**getattr(cluster, "access_config", {}), "authenticationMode": target}
            params = [("AuthenticationMode", target)]
        elif kind == "AutoModeUpdate":
            for param, attr in (("computeConfig", "compute_config"), ("storageConfig", "storage_config")):
                if p(param) is not None:
                    setattr(cluster, attr, p(param))
                    params.append((param[0].upper() + param[1:], p(param)))
            if network.get("elasticLoadBalancing") is not None:
                cluster.kubernetes_network_config = {**cluster.kubernetes_network_config, "elasticLoadBalancing": network["elasticLoadBalancing"]}
                params.append(("KubernetesNetworkConfig", network))
        elif kind == "UpgradePolicyUpdate":
            cluster.upgrade_policy = p("upgradePolicy")
            params = [("UpgradePolicy", p("upgradePolicy"))]
        elif kind == "ZonalShiftConfigUpdate":
            cluster.zonal_shift_config = p("zonalShiftConfig")
            params = [("ZonalShiftConfig", p("zonalShiftConfig"))]
        elif kind == "DeletionProtectionUpdate":
            cluster.deletion_protection = p("deletionProtection")
            params = [("DeletionProtection", str(p("deletionProtection")).lower())]
        elif kind == "RemoteNetworkConfigUpdate":
            cluster.remote_network_config = p("remoteNetworkConfig")
            params = [("RemoteNetworkConfig", p("remoteNetworkConfig"))]
        else:
            cluster.control_plane_scaling_config = p("controlPlaneScalingConfig")
            params = []
        update = new_update(kind, params)
        return self._respond({"update": record_update(cluster, ("cluster", None), update)})

    def tag_resource(self) -> Any:
        tags = self._tagged(self._extract_arn_from_path())
        if tags is None:
            return super().tag_resource()
        tags.update(self._get_param("tags") or {})
        return EmptyResult()

    def untag_resource(self) -> Any:
        tags = self._tagged(self._extract_arn_from_path())
        if tags is None:
            return super().untag_resource()
        for k in self.querystring.get("tagKeys", []):
            tags.pop(k, None)
        return EmptyResult()

    def list_tags_for_resource(self) -> Any:
        tags = self._tagged(self._extract_arn_from_path())
        if tags is None:
            return super().list_tags_for_resource()
        return self._respond({"tags": tags})


def url_pattern(request_uri: str) -> str:
    """moto's URL pattern (regex, "{0}" for the URL base) of a botocore requestUri."""

    def label(m: re.Match[str]) -> str:
        name = m.group(1).rstrip("+")
        return f"(?P<{name}>.+)" if name in SLASHED_LABELS or m.group(1).endswith("+") else f"(?P<{name}>[^/]+)"

    return "{0}" + re.sub(r"\{([^}]+)\}", label, request_uri.split("?")[0]) + "$"


def install() -> None:
    """Routes every EKS URL of moto, and those of OPERATIONS, to
    EKSExtensionResponse. Call before moto serves its first EKS request
    (moto builds its EKS web app then, from moto.eks.urls)."""
    for path in list(eks_urls.url_paths):
        eks_urls.url_paths[path] = EKSExtensionResponse.dispatch
    for _, uri in OPERATIONS.values():
        eks_urls.url_paths.setdefault(url_pattern(uri), EKSExtensionResponse.dispatch)
    eks_urls.response = EKSExtensionResponse()


def main(argv: list[str] | None = None) -> None:
    install()
    from moto.server import main as moto_main

    moto_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
