import LightProtocols
import Simulators
import Testing

/// The simulated router's state machine and workgroup file, without sockets (issue 4 item 6).
@Suite struct HelvarRouterStateTests {
    let json = """
        {"name": "Lab", "devices": [
            {"address": "2.3.1.4", "type": 1537, "name": "Lamp", "level": 40},
            {"address": "2.3.2.1", "type": 1, "name": "Tube"}],
         "groups": [{"id": 7, "name": "Lab lights", "members": ["2.3.1.4", "2.3.2.1"],
            "scenes": [{"block": 2, "scene": 5, "name": "Bright", "level": 90}]}]}
        """

    @Test func workgroupFileParses() throws {
        let wg = try HelvarWorkgroup.parse(json: json)
        #expect(wg.name == "Lab")
        #expect(wg.clusters == [2])
        #expect(wg.routers(in: 2) == [3])
        #expect(wg.groups.first?.scenes.first?.name == "Bright")
        #expect(throws: (any Error).self) {
            try HelvarWorkgroup.parse(json: #"{"name": "x", "devices": [{"address": "0.1.1.1"}]}"#)
        }
    }

    @Test func answersQueriesAndErrorsForMissingDevices() throws {
        var state = HelvarRouterState(workgroup: try HelvarWorkgroup.parse(json: json), clock: { 1_700_000_000 })
        func answer(_ c: HelvarCommand) -> HelvarMessage? { state.handle(c).reply }
        let lamp = HelvarAddress(cluster: 2, router: 3, subnet: 1, device: 4)
        #expect(
            answer(HelvarCommand(.queryLoadLevel, address: lamp))
                == .reply(HelvarReply(request: HelvarCommand(.queryLoadLevel, address: lamp), answer: "40")))
        let gone = HelvarAddress(cluster: 2, router: 3, subnet: 1, device: 5)
        #expect(
            answer(HelvarCommand(.queryDeviceType, address: gone))
                == .error(HelvarErrorReply(request: HelvarCommand(.queryDeviceType, address: gone), code: .deviceMissing)))
        let noCluster = HelvarAddress(cluster: 9, router: 3, subnet: 1, device: 4)
        if case .error(let e) = answer(HelvarCommand(.queryDeviceState, address: noCluster)) {
            #expect(e.code == .clusterMissing)
        } else {
            Issue.record("expected an error")
        }
        #expect(answer(HelvarCommand(.queryTime))?.header.number == .queryTime)
        if case .reply(let r) = answer(HelvarCommand(.querySceneNames)) {
            #expect(r.answer == "@7.2.5:Bright")
        } else {
            Issue.record("expected a reply")
        }
        // Control commands: silent without A:1, `!…=0#` with it, error code for a missing device.
        let recall = HelvarCommand(.recallSceneGroup, group: 7, block: 2, scene: 5)
        let outcome = state.handle(recall)
        #expect(outcome.reply == nil)
        #expect(outcome.recall == HelvarRecall(group: 7, block: 2, scene: 5, fade: 70))
        #expect(state.level(of: lamp) == 90)
        if case .reply(let r) = answer(HelvarCommand(.queryLastSceneInGroup, group: 7)) {
            #expect(r.answer == "20")
        } else {
            Issue.record("expected a reply")
        }
        var set = HelvarCommand(.directLevelDevice, address: gone, level: try HelvarLevel(percent: 5))
        set.acknowledge = true
        if case .error(let e) = answer(set) { #expect(e.code == .deviceMissing) } else { Issue.record("expected an error") }
        set.address = lamp
        if case .error(let e) = answer(set) { #expect(e.code == .success) } else { Issue.record("expected an acknowledgement") }
        #expect(state.level(of: lamp) == 5)
    }
}
