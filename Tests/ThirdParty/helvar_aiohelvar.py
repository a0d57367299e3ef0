"""aiohelvar 0.9.8 (a HelvarNet client nobody here wrote) against `lightbridge simulate helvar`.

Usage: helvar_aiohelvar.py PORT. Connects, discovers the workgroup (name, groups, devices,
scene names), recalls a scene, and checks that the router pushed the recall back and that the
simulator reports it (query 109 on a separate plain socket). Prints one line per check and a
final "N passed, N failed"; exits non-zero on failure.

Addressing: aiohelvar takes cluster/router from the router's IPv4 3rd/4th octets, which on
127.0.0.1 gives cluster 0 (outside HelvarNet's 1-253); the script passes the simulator's ids
explicitly (cluster_id=1, router_id=1, use_specified_ids=True), as a site would for a router
behind NAT.
"""

import asyncio
import logging
import socket
import sys

from aiohelvar import Router
from aiohelvar.parser.address import HelvarAddress, SceneAddress

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


async def until(condition, seconds=10.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


def query(port, text):
    """One query on its own connection; returns the reply text."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(text.encode())
        data = b""
        while not data.endswith(b"#"):
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        return data.decode()


async def main(port):
    router = Router("127.0.0.1", port, cluster_id=1, router_id=1, use_specified_ids=True)
    await asyncio.wait_for(router.connect(), 10)
    check("connect and read the workgroup name", router.workgroup_name == "Simulated Workgroup", repr(router.workgroup_name))

    await asyncio.wait_for(router.get_groups(), 10)
    check("groups 1 and 2 discovered", set(router.groups.groups.keys()) == {1, 2}, repr(router.groups.groups.keys()))
    named = await until(lambda: all(g.name for g in router.groups.groups.values()))
    check("group names", named and router.groups.groups[1].name == "Bench", repr([g.name for g in router.groups.groups.values()]))
    members = await until(lambda: len(router.groups.groups[1].devices) == 2)
    check("group 1 members", members, repr(router.groups.groups[1].devices))

    await router.get_devices()
    found = await until(lambda: len(router.devices.devices) == 3 and all(d.name for d in router.devices.devices.values()))
    names = sorted(d.name or "" for d in router.devices.devices.values())
    check("three devices with names", found and names == ["Bench light 1", "Bench light 2", "Corridor light"], repr(names))
    leveled = await until(lambda: all(len(d.levels) == 136 for d in router.devices.devices.values()))
    check("scene levels of every device (query 167, 136 values)", leveled)
    lamp = router.devices.devices.get(HelvarAddress(1, 1, 1, 1))
    check("device 1.1.1.1 is a DALI load", lamp is not None and lamp.protocol == "DALI" and lamp.is_load, str(lamp))

    await asyncio.wait_for(router.get_scenes(), 10)
    scene = router.scenes.get_scene(SceneAddress(1, 1, 3))
    check("scene names (query 166)", scene is not None and scene.name == "Dim", str(scene))

    target = SceneAddress(1, 1, 3)
    await router.groups.set_scene(target)
    pushed = await until(lambda: router.groups.groups[1].last_scene_address == target)
    check("the router pushed the recall back", pushed, str(router.groups.groups[1].last_scene_address))

    reply = query(port, ">V:2,C:109,G:1#")
    # aiohelvar decodes 109 as (block - 1) * 16 + (scene - 1): block 1 scene 3 is 2.
    check("the simulator reports the recalled scene (query 109)", reply == "?V:2,C:109,G:1=2#", reply)

    await router.disconnect()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    try:
        asyncio.run(main(int(sys.argv[1])))
    except Exception as e:  # a crash is a failure, reported like the checks
        check("aiohelvar run", False, repr(e))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)
