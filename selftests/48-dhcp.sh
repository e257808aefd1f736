#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DHCP in the datapath: a port with a binding gets its address, gateway,
# DNS, domain, MTU, lease and static routes from nvo on its own host; a
# port without one is left to the tenant's own DHCP server.
#
#   vm1 (bound), vm2 (not), vm3 (listens) -- hv1 nvo0, VNI 100, router 1
#   with gateway 10.0.0.1/24

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

BINDING=(addr 10.0.0.5/24 gw 10.0.0.1 dns '10.0.0.2,10.0.0.3' domain example.com
	mtu 1400 lease 3600 route '10.9.0.0/16,10.0.0.254')

# setup: hv1 with VNI 100 of tenant 1 and its router; vm1, vm2, vm3 with
# no address.
setup() {
	local vm
	mk_hv hv1 10.99.0.1
	mk_nvo hv1
	vni_add hv1 100 tenant 1
	nv hv1 router add nvo0 id 1 tenant 1
	nv hv1 router if add nvo0 router 1 vni 100 mac 02:00:00:00:ff:01 addr 10.0.0.1/24
	for vm in vm1 vm2 vm3; do
		mk_vm "$vm" hv1 100 192.0.2.1/32
		on "$vm" ip addr flush dev eth0
	done
}

# dhcp_client VM NAME [ARGS]: busybox udhcpc on VM's eth0 once; the
# variables of the lease it got, one per line, in $CASE_DIR/NAME.lease
# (none: it got none). The address is applied, as a client's script would.
dhcp_client() {
	local vm=$1 name=$2 script=$CASE_DIR/$2.sh
	shift 2
	cat >"$script" <<EOF
#!/bin/sh
[ "\$1" = bound ] || exit 0
for v in ip subnet router dns domain mtu lease serverid staticroutes; do
	eval "echo \$v=\\\${\$v:-}"
done >"$CASE_DIR/$name.lease"
ip addr add "\$ip/\$subnet" dev "\$interface"
EOF
	chmod +x "$script"
	on "$vm" busybox udhcpc -i eth0 -f -q -n -t 3 -T 1 -O mtu -O staticroutes \
		-s "$script" "$@" >"$CASE_DIR/$name.log" 2>&1
}

# lease_var NAME VAR: VAR of the lease NAME.
lease_var() { sed -n "s/^$2=//p" "$CASE_DIR/$1.lease"; }

# The bound VM gets everything its binding says, from the router's
# address, and uses it; its DHCP never leaves the host.
bound_port_configured() {
	local l=vm1
	setup
	nv hv1 port set nvo0 dev v-vm1 dhcp "${BINDING[@]}"
	assert_contains "$(nv hv1 port show nvo0)" "dhcp 10.0.0.5/24" "port show"
	capture_start vm3 eth0 vm3 udp port 67 or udp port 68
	dhcp_client vm1 "$l" || { quote <"$CASE_DIR/$l.log" >&2; fail "udhcpc in vm1 got no lease"; }
	capture_stop vm3
	diag "vm1's lease: $(tr '\n' ' ' <"$CASE_DIR/$l.lease")"
	assert_eq 10.0.0.5 "$(lease_var "$l" ip)" "address"
	assert_eq 255.255.255.0 "$(lease_var "$l" subnet)" "subnet mask"
	assert_eq 10.0.0.1 "$(lease_var "$l" router)" "router"
	assert_eq "10.0.0.2 10.0.0.3" "$(lease_var "$l" dns)" "DNS servers"
	assert_eq example.com "$(lease_var "$l" domain)" "domain"
	assert_eq 1400 "$(lease_var "$l" mtu)" "MTU"
	assert_eq 3600 "$(lease_var "$l" lease)" "lease time"
	assert_eq 10.0.0.1 "$(lease_var "$l" serverid)" "server identifier"
	assert_eq "0.0.0.0/0 10.0.0.1 10.9.0.0/16 10.0.0.254" "$(lease_var "$l" staticroutes)" "static routes"
	assert_eq 0 "$(pcap_count vm3)" "DHCP frames vm3 saw"
	assert_ge "$(port_counter hv1 nvo0 v-vm1 dhcp_answered)" 2 "hv1 v-vm1 dhcp_answered (offer, ack)"
	assert_ping vm1 10.0.0.1
}

_frames_at_least() { [ "$(pcap_count "$1")" -ge "$2" ]; }

# A DHCPINFORM gets its ACK at the address it names (ciaddr), or
# broadcast when it names none, never at 0.0.0.0.
inform_answered() {
	local ci
	setup
	nv hv1 port set nvo0 dev v-vm1 dhcp "${BINDING[@]}"
	capture_start vm1 eth0 ack udp src port 67
	for ci in 10.0.0.5 0.0.0.0; do
		on vm1 "$PY" - "$(vm_mac vm1)" "$ci" <<'EOF'
import sys
from scapy.layers.l2 import Ether
from scapy.layers.inet import IP, UDP
from scapy.layers.dhcp import BOOTP, DHCP
from scapy.sendrecv import sendp
mac, ci = sys.argv[1], sys.argv[2]
sendp(Ether(src=mac, dst="ff:ff:ff:ff:ff:ff") /
      IP(src="10.0.0.5" if ci != "0.0.0.0" else "0.0.0.0", dst="255.255.255.255") /
      UDP(sport=68, dport=67) /
      BOOTP(chaddr=bytes.fromhex(mac.replace(":", "")), ciaddr=ci, xid=0x4e564f) /
      DHCP(options=[("message-type", "inform"), "end"]), iface="eth0", verbose=0)
EOF
	done
	wait_until 10 _frames_at_least ack 2 || true
	capture_stop ack
	diag "ACKs: $(pcap_text ack | tr '\n' ' ' | cut -c1-600)"
	assert_eq 1 "$(pcap_count ack dst host 10.0.0.5)" "ACKs to 10.0.0.5 (ciaddr given)"
	assert_eq 1 "$(pcap_count ack dst host 255.255.255.255)" "ACKs broadcast (no ciaddr)"
	assert_eq 0 "$(pcap_count ack dst host 0.0.0.0)" "ACKs to 0.0.0.0"
}

# Without a binding, or once it is removed, DHCP goes on as any broadcast
# (to the tenant's own server, here vm3 listening).
unbound_port_flooded() {
	setup
	capture_start vm3 eth0 vm3 udp port 67
	dhcp_client vm2 vm2 -t 2 && fail "vm2 got a lease without a binding"
	nv hv1 port set nvo0 dev v-vm1 dhcp "${BINDING[@]}"
	nv hv1 port set nvo0 dev v-vm1 dhcp off
	assert_not_contains "$(nv hv1 port show nvo0)" "dhcp" "port show after dhcp off"
	dhcp_client vm1 vm1 -t 2 && fail "vm1 got a lease after dhcp off"
	capture_stop vm3
	assert_ge "$(pcap_count vm3 ether src "$(vm_mac vm2)")" 1 "vm2's DISCOVERs vm3 saw"
	assert_ge "$(pcap_count vm3 ether src "$(vm_mac vm1)")" 1 "vm1's DISCOVERs vm3 saw after dhcp off"
	assert_eq 0 "$(port_counter hv1 nvo0 v-vm2 dhcp_answered)" "hv1 v-vm2 dhcp_answered"

	# A binding given with the port answers its very first request.
	port_del hv1 v-vm2
	port_add hv1 v-vm2 100 dhcp addr 10.0.0.7/24
	dhcp_client vm2 vm2b || { quote <"$CASE_DIR/vm2b.log" >&2; fail "udhcpc in vm2 got no lease"; }
	assert_eq 10.0.0.7 "$(lease_var vm2b ip)" "vm2's address, bound at port add"
}

# config_state HV: what a refused request must leave as it was.
config_state() {
	nv "$1" -j port show nvo0
}

bad_requests() {
	local bad=()
	klog_mark
	setup
	nv hv1 port set nvo0 dev v-vm1 dhcp "${BINDING[@]}"
	refused dhcp_addr_network '^Error: the address must be a host address of its prefix \(attribute "addr"\)$' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.0/24 || bad+=(dhcp_addr_network)
	refused dhcp_gw_off_subnet '^Error: the gateway must be another host of the address'"'"'s subnet \(attribute "gw"\)$' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.6/24 gw 10.0.1.1 || bad+=(dhcp_gw_off_subnet)
	refused dhcp_gw_is_addr '^Error: the gateway must be another host of the address'"'"'s subnet \(attribute "gw"\)$' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.6/24 gw 10.0.0.6 || bad+=(dhcp_gw_is_addr)
	refused dhcp_domain_chars '^Error: a domain name: letters, digits, '"'"'-'"'"' and '"'"'\.'"'"' \(attribute "domain"\)$' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.6/24 domain 'ex ample' || bad+=(dhcp_domain_chars)
	refused dhcp_mtu_small '^Error: .*mtu' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.6/24 mtu 60 || bad+=(dhcp_mtu_small)
	refused dhcp_lease_short '^Error: .*lease' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.6/24 lease 10 || bad+=(dhcp_lease_short)
	refused dhcp_route_host_bits '^Error: a route: prefix length up to 32, host bits zero, a gateway \(attribute "route"\)$' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp addr 10.0.0.6/24 route 10.9.0.1/16,10.0.0.254 || bad+=(dhcp_route_host_bits)
	refused dhcp_no_addr '^Error: .*addr' -- \
		nv hv1 port set nvo0 dev v-vm2 dhcp gw 10.0.0.1 || bad+=(dhcp_no_addr)
	[ ${#bad[@]} -eq 0 ] || fail "not refused as they must be: ${bad[*]}"
	assert_klog_clean
}

ktap_plan 4
run_case bound_port_configured bound_port_configured
run_case inform_answered inform_answered
run_case unbound_port_flooded unbound_port_flooded
run_case bad_requests bad_requests
ktap_finish
