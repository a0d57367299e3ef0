/// The demo's built-in configuration (issue 5 item 3): the same TOML a site writes
/// (examples/lightbridge.toml documents every key), pointed at the simulated lights and the
/// pseudo-terminal PLC.
enum DemoConfiguration {
    static func text(lights: DemoLights, plcPath: String, stateDirectory: String) -> String {
        """
        [bridge]
        state_directory = "\(stateDirectory)"
        restore_last_mode = false

        [lights.hall]
        protocol = "helvar"
        host = "127.0.0.1"
        port = \(lights.helvar.tcpPort)

        [lights.desk]
        protocol = "lightwave"
        host = "127.0.0.1"
        port = \(lights.lightwave.port)
        reply_port = \(lights.lightwaveReplyPort)
        pacing_ms = 0

        [lights.scope]
        protocol = "lumencor"
        host = "127.0.0.1"
        port = \(lights.lumencor.tcpPort ?? 0)
        answer_timeout_ms = 1000
        channels = ["VIOLET", "BLUE", "GREEN", "RED"]

        [lights.bench]
        protocol = "heliospectra"
        via = "control"
        host = "127.0.0.1"
        port = \(lights.lamp.controlPort)
        wavelengths = [400, 420, 450, 530, 630, 660, 735]

        [lights.greenhouse]
        protocol = "heliospectra"
        via = "master"
        group = "\(lights.greenhouseGroup)"
        multicast_port = \(lights.greenhouse.multicastPort)
        interface = "127.0.0.1"

        [lights.andon]
        protocol = "smartlight"
        host = "127.0.0.1"
        port = \(lights.smartLight.ports["tcp"] ?? 0)

        [inputs.plc]
        type = "serial"
        device = "\(plcPath)"
        baud = 9600

        [modes.0]
        name = "Off"
        hall = { group = 1, scene = 1 }
        desk = { room = 1, device = 1, on = false }
        scope = { on = false }
        bench = { all = 0 }
        greenhouse = { all = 0 }
        andon = { type = "clear" }

        [modes.1]
        name = "Day"
        hall = { group = 1, scene = 2 }
        desk = { room = 1, device = 1, level = 80 }
        scope = [{ on = true, channels = ["GREEN"] }, { intensity = { GREEN = 60 } }]
        bench = { powers = { "450" = 800, "660" = 1000 } }
        greenhouse = { all = 700 }
        andon = { type = "segment", segments = [{ colour = "green", type = "solid" }], blinkFrequency = "medium", buzzer = "off" }

        [modes.2]
        name = "Night"
        hall = { group = 1, scene = 3 }
        desk = { room = 1, device = 1, level = 20 }
        scope = [{ on = true, channels = ["BLUE"] }, { intensity = { BLUE = 10 } }, { on = false, channels = ["GREEN"] }]
        bench = { all = 100 }
        greenhouse = [{ all = 0 }, { powers = { "735" = 300 } }]
        andon = { type = "level", levelType = "fillFromBottom", colour = "blue", lightCount = 5, buzzer = "off" }
        """
    }
}
