"""Conformance of the Kubernetes API test server, driven by the official Python client (Debian's python3-kubernetes).

Usage: python3 python_client_conformance.py KUBECONFIG

Expects the server to serve the Widget CRD of the C# tests (example.com/v1, namespaced, status subresource,
spec.size required, spec.color defaulted to red) and to send bookmarks often. Prints "ok <check>" per check
and exits 1 naming the first failure.
"""

import datetime
import sys
import time
import traceback

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

GROUP, VERSION, NAMESPACE, PLURAL = "example.com", "v1", "default", "widgets"
CHECKS = []


def check(function):
    CHECKS.append(function)
    return function


def widget(name, size=3, labels=None):
    return {
        "apiVersion": "example.com/v1",
        "kind": "Widget",
        "metadata": {"name": name, "labels": labels or {}},
        "spec": {"size": size},
    }


def eventually(condition, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


def refused(call, status):
    try:
        call()
    except ApiException as e:
        assert e.status == status, "expected %d, got %d: %s" % (status, e.status, e.body)
        return e
    raise AssertionError("expected the server to answer %d" % status)


config.load_kube_config(config_file=sys.argv[1])
api = client.ApiClient()
core = client.CoreV1Api(api)
custom = client.CustomObjectsApi(api)
events = client.EventsV1Api(api)


@check
def create_get_and_list_custom_objects():
    created = custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-get"))
    got = custom.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-get")
    listed = custom.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL)
    assert got["metadata"]["uid"] == created["metadata"]["uid"]
    assert got["spec"]["color"] == "red", "the schema default is applied"
    assert "py-get" in [item["metadata"]["name"] for item in listed["items"]]
    assert int(listed["metadata"]["resourceVersion"]) >= int(created["metadata"]["resourceVersion"])


@check
def typed_core_objects_round_trip():
    core.create_namespaced_config_map(NAMESPACE, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-cm"), data={"a": "b"}))
    config_map = core.read_namespaced_config_map("py-cm", NAMESPACE)
    namespaces = [n.metadata.name for n in core.list_namespace().items]
    assert config_map.data == {"a": "b"}
    assert "default" in namespaces and "kube-system" in namespaces


@check
def invalid_objects_and_conflicts_are_refused():
    e = refused(lambda: custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-bad", size=0)), 422)
    assert "spec.size" in e.body
    refused(lambda: custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-get")), 409)
    stale = custom.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-get")
    custom.patch_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-get", {"spec": {"size": 4}})
    refused(lambda: custom.replace_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-get", stale), 409)
    refused(lambda: custom.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-missing"), 404)


@check
def merge_patch_of_a_custom_object():
    custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-merge"))
    patched = custom.patch_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-merge", {"spec": {"size": 7}, "metadata": {"labels": {"team": "blue"}}})
    assert patched["spec"]["size"] == 7
    assert patched["metadata"]["labels"] == {"team": "blue"}
    assert patched["metadata"]["generation"] == 2


@check
def json_patch_of_a_config_map_and_a_custom_object():
    core.create_namespaced_config_map(NAMESPACE, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-json"), data={"a": "b"}))
    patched = core.patch_namespaced_config_map("py-json", NAMESPACE, [{"op": "test", "path": "/data/a", "value": "b"}, {"op": "replace", "path": "/data/a", "value": "c"}])
    assert patched.data == {"a": "c"}
    custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-json"))
    result = api.call_api(
        "/apis/{group}/{version}/namespaces/{namespace}/{plural}/{name}", "PATCH",
        path_params={"group": GROUP, "version": VERSION, "namespace": NAMESPACE, "plural": PLURAL, "name": "py-json"},
        header_params={"Content-Type": "application/json-patch+json", "Accept": "application/json"},
        body=[{"op": "replace", "path": "/spec/size", "value": 9}], response_type="object", auth_settings=["BearerToken"], _return_http_data_only=True)
    assert result["spec"]["size"] == 9
    refused(lambda: core.patch_namespaced_config_map("py-json", NAMESPACE, [{"op": "test", "path": "/data/a", "value": "z"}]), 422)


@check
def status_subresource():
    custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-status"))
    patched = custom.patch_namespaced_custom_object_status(GROUP, VERSION, NAMESPACE, PLURAL, "py-status", {"status": {"phase": "Ready"}})
    read = custom.get_namespaced_custom_object_status(GROUP, VERSION, NAMESPACE, PLURAL, "py-status")
    ignored = custom.patch_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-status", {"status": {"phase": "Broken"}})
    assert patched["status"]["phase"] == "Ready"
    assert read["status"]["phase"] == "Ready"
    assert ignored["status"]["phase"] == "Ready", "the main resource ignores status when /status exists"
    assert patched["metadata"]["generation"] == 1


@check
def paging_with_limit_and_continue():
    for i in range(5):
        custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-page-%d" % i, labels={"set": "paging"}))
    names, token, pages = [], None, 0
    while True:
        page = custom.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, label_selector="set=paging", limit=2, _continue=token)
        pages += 1
        names += [item["metadata"]["name"] for item in page["items"]]
        token = page["metadata"].get("continue")
        if not token:
            break
    assert pages == 3, pages
    assert names == ["py-page-%d" % i for i in range(5)], names


@check
def label_and_field_selectors():
    selected = custom.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, label_selector="set in (paging),set!=other")
    by_name = custom.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, field_selector="metadata.name=py-page-3")
    assert len(selected["items"]) == 5
    assert [item["metadata"]["name"] for item in by_name["items"]] == ["py-page-3"]


@check
def watch_with_resource_version_sends_changes_after_it():
    version = custom.list_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL)["metadata"]["resourceVersion"]
    custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-watch"))
    custom.patch_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-watch", {"spec": {"size": 8}})
    custom.delete_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-watch")
    seen = []
    stream = watch.Watch()
    for event in stream.stream(custom.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE, PLURAL, resource_version=version, timeout_seconds=10):
        if event["raw_object"]["metadata"]["name"] == "py-watch":
            seen.append(event["type"])
        if len(seen) == 3:
            stream.stop()
    assert seen == ["ADDED", "MODIFIED", "DELETED"], seen


@check
def watch_without_resource_version_starts_with_current_objects():
    stream = watch.Watch()
    first = None
    for event in stream.stream(custom.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE, PLURAL, field_selector="metadata.name=py-get", timeout_seconds=10):
        first = event
        stream.stop()
    assert first is not None and first["type"] == "ADDED" and first["raw_object"]["metadata"]["name"] == "py-get", first


@check
def watch_of_typed_objects_deserializes_them():
    version = core.list_namespaced_config_map(NAMESPACE).metadata.resource_version
    core.create_namespaced_config_map(NAMESPACE, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-watched-cm"), data={"x": "y"}))
    stream = watch.Watch()
    found = None
    for event in stream.stream(core.list_namespaced_config_map, NAMESPACE, resource_version=version, timeout_seconds=10):
        if event["object"].metadata.name == "py-watched-cm":
            found = event
            stream.stop()
    assert found is not None and isinstance(found["object"], client.V1ConfigMap) and found["object"].data == {"x": "y"}, found


@check
def watch_with_bookmarks_receives_them():
    stream = watch.Watch()
    bookmark = None
    for event in stream.stream(custom.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE, PLURAL, allow_watch_bookmarks=True,
                               field_selector="metadata.name=py-none", timeout_seconds=10):
        if event["type"] == "BOOKMARK":
            bookmark = event
            stream.stop()
    assert bookmark is not None, "no BOOKMARK within the timeout"
    assert bookmark["raw_object"]["kind"] == "Widget" and bookmark["raw_object"]["metadata"]["resourceVersion"]


@check
def a_watch_from_a_compacted_version_ends_with_410():
    e = None
    try:
        for _ in watch.Watch().stream(custom.list_namespaced_custom_object, GROUP, VERSION, NAMESPACE, PLURAL, resource_version="1", timeout_seconds=5):
            pass
    except ApiException as raised:
        e = raised
    assert e is not None and e.status == 410, e


@check
def events_through_events_k8s_io_show_in_core_events():
    regarding = custom.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-get")
    now = datetime.datetime.now(datetime.timezone.utc)
    body = client.EventsV1Event(
        metadata=client.V1ObjectMeta(generate_name="py-get."),
        event_time=now, reporting_controller="example.com/py", reporting_instance="py-1", action="Check", reason="Checked", type="Normal",
        note="olé " * 10,
        regarding=client.V1ObjectReference(api_version="example.com/v1", kind="Widget", name="py-get", namespace=NAMESPACE, uid=regarding["metadata"]["uid"]))
    created = events.create_namespaced_event(NAMESPACE, body)
    listed = core.list_namespaced_event(NAMESPACE, field_selector="involvedObject.name=py-get,involvedObject.kind=Widget")
    assert created.metadata.name.startswith("py-get.")
    assert [e.reason for e in listed.items] == ["Checked"], listed.items
    assert listed.items[0].message == "olé " * 10
    too_long = client.EventsV1Event(
        metadata=client.V1ObjectMeta(generate_name="py-get."),
        event_time=now, reporting_controller="example.com/py", reporting_instance="py-1", action="Check", reason="Checked", type="Normal",
        note="é" * 513, regarding=body.regarding)
    e = refused(lambda: events.create_namespaced_event(NAMESPACE, too_long), 422)
    assert "may not be more than 1024 bytes" in e.body


@check
def deleting_an_owner_collects_its_dependents():
    owner = custom.create_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, widget("py-owner"))
    reference = client.V1OwnerReference(api_version="example.com/v1", kind="Widget", name="py-owner", uid=owner["metadata"]["uid"], block_owner_deletion=True)
    core.create_namespaced_config_map(NAMESPACE, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-dependent", owner_references=[reference])))
    custom.delete_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-owner", propagation_policy="Foreground")

    def gone(read):
        try:
            read()
            return False
        except ApiException as e:
            return e.status == 404

    eventually(lambda: gone(lambda: core.read_namespaced_config_map("py-dependent", NAMESPACE)), "the dependent to be collected")
    eventually(lambda: gone(lambda: custom.get_namespaced_custom_object(GROUP, VERSION, NAMESPACE, PLURAL, "py-owner")), "the owner to go")


failed = False
for function in CHECKS:
    try:
        function()
        print("ok " + function.__name__, flush=True)
    except Exception:  # noqa: BLE001 - every failure is reported with its trace
        print("FAILED " + function.__name__, flush=True)
        traceback.print_exc()
        failed = True
        break
sys.exit(1 if failed else 0)
