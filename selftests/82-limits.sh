#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tenant resource limits: a device's VNIs and FDB entries, a VNI's FDB
# entries and learned MACs. Configuration beyond a limit fails with a
# clear error and changes nothing; learning beyond one is counted
# (learn_limit) while the frames are still switched.
#
#   vm1, vm2 -- hv1 nvo0 (VNI 100); no underlay traffic is needed

# shellcheck disable=SC2317 # case functions run through run_case
# shellcheck source=selftests/lib.sh
source "$(dirname "$0")/lib.sh"

setup() {
	mk_hv hv1 10.99.0.1
	ip -n "$(ns hv1)" addr add 10.99.0.1/32 dev lo
	mk_nvo hv1
}

# config: hv1's configuration, nvctl -j show without the ages of learned
# entries (which move with time, not with requests).
config() { show_json hv1 | jq -c 'del(.. | .age?)'; }

# reject ERE -- CMD...: CMD fails with an error matching ERE, and hv1's
# configuration does not change.
reject() {
	local pat=$1 out rc=0 before after
	shift 2
	before=$(config)
	out=$("$@" 2>&1) || rc=$?
	after=$(config)
	diag "$*: exit $rc: $out"
	assert_ne 0 "$rc" "exit status"
	assert_match "$out" "$pat" "the error message"
	assert_eq "$before" "$after" "the configuration before and after"
}

# show_val JQ: a value of hv1's nvo0 from `nvctl -j show`.
show_val() { show_json hv1 | jq -r ".[] | select(.ifname == \"nvo0\") | $1"; }
vni_val() { show_val ".vnis[] | select(.vni == $1) | .$2"; }

mac() { printf '02:00:00:00:%02x:%02x' $(($1 / 256)) $(($1 % 256)); }

max_vnis() {
	setup
	nv hv1 link set nvo0 max-vnis 2
	assert_eq 2 "$(show_val .max_vnis)" "max_vnis shown"
	vni_add hv1 100
	vni_add hv1 200
	reject '^Error: the device has as many VNIs as its max-vnis limit allows \(attribute "vni"\)$' -- \
		nv hv1 vni add nvo0 vni 300
	# Lowering it below what exists removes nothing.
	nv hv1 link set nvo0 max-vnis 1
	assert_eq 2 "$(show_val '.vnis | length')" "VNIs kept under a lower limit"
	nv hv1 link set nvo0 max-vnis 0
	vni_add hv1 300
	assert_eq 3 "$(show_val '.vnis | length')" "VNIs without a limit"
}

vni_max_fdb() {
	setup
	vni_add hv1 100 max-fdb 2
	assert_eq 2 "$(vni_val 100 max_fdb)" "the VNI's max_fdb shown"
	fdb_add hv1 100 "$(mac 1)" 10.99.0.2
	fdb_add hv1 100 "$(mac 2)" 10.99.0.3
	reject '^Error: the VNI.s FDB is full \(its max-fdb limit\) \(attribute "vni"\)$' -- \
		nv hv1 fdb add nvo0 vni 100 mac "$(mac 3)" remote 10.99.0.2
	# Replacing an entry takes no room.
	fdb_replace hv1 100 "$(mac 2)" 10.99.0.4
	assert_eq 2 "$(vni_val 100 fdb_count)" "entries at the limit"
	fdb_del hv1 100 "$(mac 1)"
	fdb_add hv1 100 "$(mac 3)" 10.99.0.2
	vni_set hv1 100 max-fdb 3
	fdb_add hv1 100 "$(mac 4)" 10.99.0.2
	assert_eq 3 "$(vni_val 100 fdb_count)" "entries under a raised limit"
}

dev_max_fdb() {
	setup
	nv hv1 link set nvo0 max-fdb 3
	vni_add hv1 100
	vni_add hv1 200
	fdb_add hv1 100 "$(mac 1)" 10.99.0.2
	fdb_add hv1 100 "$(mac 2)" 10.99.0.2
	fdb_add hv1 200 "$(mac 1)" 10.99.0.2
	assert_eq 3 "$(show_val .fdb_count)" "the device's entries"
	reject '^Error: the device.s FDB is full \(its max-fdb limit\)$' -- \
		nv hv1 fdb add nvo0 vni 100 mac "$(mac 3)" remote 10.99.0.2
	# A deleted VNI gives its entries back.
	vni_del hv1 200
	assert_eq 2 "$(show_val .fdb_count)" "the device's entries after a VNI is deleted"
	fdb_add hv1 100 "$(mac 3)" 10.99.0.2
	assert_eq 3 "$(show_val .fdb_count)" "the device's entries"
}

# send_macs VM N FIRST: N broadcast frames from VM's eth0, source MACs
# FIRST.. FIRST+N-1 (all new to the FDB).
send_macs() {
	on "$1" "$PY" - "$2" "$3" <<'EOF'
import sys
from scapy.layers.l2 import Ether
from scapy.packet import Raw
from scapy.sendrecv import sendp
n, first = int(sys.argv[1]), int(sys.argv[2])
frames = [Ether(src="02:00:01:00:%02x:%02x" % ((first + i) // 256, (first + i) % 256),
		dst="ff:ff:ff:ff:ff:ff", type=0x88b5) / Raw(b"nvo-limits") for i in range(n)]
sendp(frames, iface="eth0", verbose=False)
EOF
}

learn_limit() {
	setup
	vni_add hv1 100 max-learned 5
	mk_vm vm1 hv1 100 10.0.0.1/24
	mk_vm vm2 hv1 100 10.0.0.2/24
	local l0 c0 p0 d0 t0
	l0=$(vni_val 100 learned)
	c0=$(vni_counter hv1 nvo0 100 learn_limit)
	p0=$(port_counter hv1 nvo0 v-vm1 learn_limit)
	d0=$(dev_counter hv1 nvo0 learn_limit)
	t0=$(port_counter hv1 nvo0 v-vm2 tx_packets)
	assert_ge 5 "$l0" "learned entries before"
	send_macs vm1 20 1
	assert_eq 5 "$(vni_val 100 learned)" "learned entries at the VNI's limit"
	assert_eq $((20 - (5 - l0))) $(($(vni_counter hv1 nvo0 100 learn_limit) - c0)) "the VNI's learn_limit"
	assert_eq $((20 - (5 - l0))) $(($(port_counter hv1 nvo0 v-vm1 learn_limit) - p0)) "the port's learn_limit"
	assert_eq $((20 - (5 - l0))) $(($(dev_counter hv1 nvo0 learn_limit) - d0)) "the device's learn_limit"
	# Not learning a MAC never drops its frame.
	assert_eq 20 $(($(port_counter hv1 nvo0 v-vm2 tx_packets) - t0)) "frames flooded to vm2"
}

dev_max_learned() {
	setup
	assert_eq 4096 "$(show_val .max_learned)" "the default learned limit"
	nv hv1 link set nvo0 max-learned 3
	mk_vm vm1 hv1 100 10.0.0.1/24
	assert_eq 0 "$(vni_val 100 max_learned)" "the VNI follows the device"
	send_macs vm1 10 1
	assert_eq 3 "$(vni_val 100 learned)" "learned entries at the device's limit"
	# The VNI's own limit wins over the device's.
	vni_set hv1 100 max-learned 6
	send_macs vm1 10 100
	assert_eq 6 "$(vni_val 100 learned)" "learned entries at the VNI's limit"
}

# Learned entries count towards the VNI's max-fdb too, and a full table
# still switches.
learn_max_fdb() {
	setup
	vni_add hv1 100 max-fdb 4
	mk_vm vm1 hv1 100 10.0.0.1/24
	fdb_add hv1 100 "$(mac 1)" 10.99.0.2
	send_macs vm1 10 1
	assert_eq 4 "$(vni_val 100 fdb_count)" "entries at the VNI's max-fdb"
	reject '^Error: the VNI.s FDB is full \(its max-fdb limit\) \(attribute "vni"\)$' -- \
		nv hv1 fdb add nvo0 vni 100 mac "$(mac 2)" remote 10.99.0.2
}

ktap_plan 6
run_case max_vnis max_vnis
run_case vni_max_fdb vni_max_fdb
run_case dev_max_fdb dev_max_fdb
run_case learn_limit learn_limit
run_case dev_max_learned dev_max_learned
run_case learn_max_fdb learn_max_fdb
ktap_finish
