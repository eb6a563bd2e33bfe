# A small MAC-learning switch for os_ken, used ONLY as a benchmark peer by `npm run bench -- controller`
# (src/bench/controller.ts). OpenFlow 1.0 and 1.3. It does what ofl's and ovs-testcontroller's learning
# switches do per packet-in: learn the source port, then either install a flow for a known destination
# (using the switch's buffer when there is one, else also a packet-out) or flood with a packet-out.
# Ethernet addresses are read by slicing msg.data (no os_ken.lib.packet parsing), which favours os_ken.
#
# Run: osken-manager --ofp-listen-host 127.0.0.1 --ofp-tcp-listen-port 6653 bench/peers/osken_learning_switch.py
from os_ken.base import app_manager
from os_ken.controller import ofp_event
from os_ken.controller.handler import CONFIG_DISPATCHER, MAIN_DISPATCHER, set_ev_cls
from os_ken.ofproto import ofproto_v1_0, ofproto_v1_3

OF10 = ofproto_v1_0.OFP_VERSION
OF13 = ofproto_v1_3.OFP_VERSION


class BenchLearningSwitch(app_manager.OSKenApp):
    OFP_VERSIONS = [OF10, OF13]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = {}  # dpid -> {mac bytes: port}

    @set_ev_cls(ofp_event.EventOFPSwitchFeatures, CONFIG_DISPATCHER)
    def on_features(self, ev):
        dp = ev.msg.datapath
        self.tables[dp.id] = {}
        if dp.ofproto.OFP_VERSION != OF13:
            return
        # 1.3 switches drop table misses unless told otherwise: send them to the controller.
        ofp, parser = dp.ofproto, dp.ofproto_parser
        actions = [parser.OFPActionOutput(ofp.OFPP_CONTROLLER, ofp.OFPCML_NO_BUFFER)]
        inst = [parser.OFPInstructionActions(ofp.OFPIT_APPLY_ACTIONS, actions)]
        dp.send_msg(parser.OFPFlowMod(datapath=dp, priority=0, match=parser.OFPMatch(), instructions=inst))

    @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
    def on_packet_in(self, ev):
        msg = ev.msg
        dp = msg.datapath
        ofp, parser = dp.ofproto, dp.ofproto_parser
        data = msg.data
        if len(data) < 14:
            return
        v13 = ofp.OFP_VERSION == OF13
        in_port = msg.match['in_port'] if v13 else msg.in_port
        dst, src = data[0:6], data[6:12]
        table = self.tables.setdefault(dp.id, {})
        if not src[0] & 1:
            table[src] = in_port
        out_port = table.get(dst) if not dst[0] & 1 else None
        buffered = msg.buffer_id != ofp.OFP_NO_BUFFER
        if out_port is None:
            actions = [parser.OFPActionOutput(ofp.OFPP_FLOOD)]
            dp.send_msg(parser.OFPPacketOut(datapath=dp, buffer_id=msg.buffer_id, in_port=in_port, actions=actions,
                                            data=None if buffered else data))
            return
        if out_port == in_port:
            return
        actions = [parser.OFPActionOutput(out_port)]
        if v13:
            match = parser.OFPMatch(in_port=in_port, eth_dst=dst.hex(':'))
            inst = [parser.OFPInstructionActions(ofp.OFPIT_APPLY_ACTIONS, actions)]
            dp.send_msg(parser.OFPFlowMod(datapath=dp, priority=1, match=match, instructions=inst, buffer_id=msg.buffer_id))
        else:
            match = parser.OFPMatch(in_port=in_port, dl_dst=dst)
            dp.send_msg(parser.OFPFlowMod(datapath=dp, match=match, command=ofp.OFPFC_ADD, priority=1, actions=actions,
                                          buffer_id=msg.buffer_id))
        if not buffered:
            dp.send_msg(parser.OFPPacketOut(datapath=dp, buffer_id=ofp.OFP_NO_BUFFER, in_port=in_port, actions=actions, data=data))
