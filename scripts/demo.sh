#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: a narrated tour of nvo in the test VM. Two hypervisors, two
# tenants whose VMs have the same IP and MAC addresses, kept apart by VNIs.
#
# On the host it builds what is missing and boots the VM (scripts/vm-run.sh);
# inside the VM (NVO_DEMO_IN_VM=1) it tells the story and shows each command.
set -u

REPO=$(dirname "$(dirname "$(readlink -f "$0")")")

if [ -z "${NVO_DEMO_IN_VM:-}" ]; then
	cd "$REPO" || exit 1
	scripts/install-deps.sh || exit 1
	make -j"$(nproc)" >/dev/null || { echo "demo: the build failed (run make)" >&2; exit 1; }
	# The VM's console cannot tell whether the host shows it on a terminal.
	[ -t 1 ] && export NVO_DEMO_COLOR=1
	NVO_DEMO_IN_VM=1 exec scripts/vm-run.sh --timeout "${NVO_DEMO_TIMEOUT:-900}" -- scripts/demo.sh
fi

# ---------------------------------------------------------------------------
# Inside the VM: lib.sh's helpers build the namespaces, outside any case.

# shellcheck source=selftests/lib.sh
source "$REPO/selftests/lib.sh"
topology_init demo-
trap 'exec 2>/dev/null; _sweep_netns "$P"' EXIT

bold='' plain=''
if [ -n "${NVO_DEMO_COLOR:-}" ]; then
	bold=$'\e[1m' plain=$'\e[0m'
fi

say() {
	echo
	echo "$bold== $*$plain"
}

# show NS CMD...: prints the command as a user would type it in NS, runs it.
show() {
	local n=$1
	shift
	echo "  [$n]# $*"
	on "$n" "$@" 2>&1 | sed 's/^/      /'
	return "${PIPESTATUS[0]}"
}

# nvctl as typed by a user, inside HV.
nvshow() {
	local hv=$1
	shift
	echo "  [$hv]# nvctl $*"
	nv "$hv" "$@" 2>&1 | sed 's/^/      /'
	return "${PIPESTATUS[0]}"
}

die() {
	echo "demo: $*" >&2
	exit 1
}

say "Loading nvo.ko"
if [ ! -d /sys/module/nvo ]; then
	for d in $(modinfo -F depends "$NVO_KO" | tr , ' '); do modprobe "$d"; done
	insmod "$NVO_KO" || die "cannot load $NVO_KO"
fi
echo "  nvo $(modinfo -F vermagic "$NVO_KO" | cut -d' ' -f1) loaded"

cat <<'EOF'

   tenant A (VNI 100)                                 tenant A (VNI 100)
   a1 10.0.0.1 02:00:00:00:00:01                      a2 10.0.0.2 02:00:00:00:00:02
        \                                                  /
         hv1 [nvo0 10.99.0.1] ===== underlay ===== [nvo0 10.99.0.2] hv2
        /                                                  \
   b1 10.0.0.1 02:00:00:00:00:01                      b2 10.0.0.2 02:00:00:00:00:02
   tenant B (VNI 200)                                 tenant B (VNI 200)

 Each box is a network namespace of this VM: two hypervisors joined by a
 veth "underlay", and four tenant VMs. Tenant B uses exactly the addresses
 of tenant A, as two customers of one cloud may.
EOF

say "The hypervisors and their underlay"
mk_hv hv1 10.99.0.1
mk_hv hv2 10.99.0.2
link_hvs hv1 10.99.0.1 hv2 10.99.0.2
sleep 1 # until both ends report carrier
show hv1 ip -br addr show dev ul-hv2
show hv2 ip -br addr show dev ul-hv1

say "An nvo device on each hypervisor, its VXLAN tunnel endpoint on the underlay address"
require_nvo || die "nvo is not usable"
nvshow hv1 link add nvo0 local 10.99.0.1 up || die "nvctl link add failed"
nvshow hv2 link add nvo0 local 10.99.0.2 up || die "nvctl link add failed"

say "Tenant VMs: a veth each, whose hypervisor end becomes a port of the tenant's VNI"
for v in "a1 hv1 100 10.0.0.1/24 02:00:00:00:00:01" "a2 hv2 100 10.0.0.2/24 02:00:00:00:00:02" \
	"b1 hv1 200 10.0.0.1/24 02:00:00:00:00:01" "b2 hv2 200 10.0.0.2/24 02:00:00:00:00:02"; do
	# shellcheck disable=SC2086 # the words of $v are the arguments
	set -- $v
	mk_vm_raw "$1" "$2" "$4" "$5"
	if [ -z "${_VNIS[$2/$3]:-}" ]; then
		nvshow "$2" vni add nvo0 vni "$3" || die "nvctl vni add failed"
		_VNIS[$2/$3]=1
	fi
	nvshow "$2" port add nvo0 dev "v-$1" vni "$3" || die "nvctl port add failed"
	VM_VNI[$1]=$3
done

say "Where to send what: flood lists (ARP, broadcast) and FDB entries (each remote VM's MAC)"
for vni in 100 200; do
	nvshow hv1 flood add nvo0 vni $vni remote 10.99.0.2
	nvshow hv2 flood add nvo0 vni $vni remote 10.99.0.1
	nvshow hv1 fdb add nvo0 vni $vni mac 02:00:00:00:00:02 remote 10.99.0.2
	nvshow hv2 fdb add nvo0 vni $vni mac 02:00:00:00:00:01 remote 10.99.0.1
done

say "The configuration, as nvctl shows it"
nvshow hv1 show
nvshow hv2 show

say "Each tenant reaches its own VM on the other hypervisor"
show a1 ping -c 3 -i 0.2 10.0.0.2 || die "tenant A cannot ping"
show b1 ping -c 3 -i 0.2 10.0.0.2 || die "tenant B cannot ping"

say "On the underlay, the same inner addresses travel in two VNIs"
bg hv2 tcpdump -i ul-hv1 -nn -l -c 4 udp port 4789 >/tmp/demo-ul.txt 2>/dev/null
sleep 1
on a1 ping -c 1 10.0.0.2 >/dev/null
on b1 ping -c 1 10.0.0.2 >/dev/null
sleep 1
sed 's/^/      /' /tmp/demo-ul.txt

say "Isolation: with a2 gone, tenant A still cannot reach b2, though b2 has a2's IP and MAC"
echo "  b2 is watched with tcpdump while a2 is down and a1 pings 10.0.0.2."
bg b2 tcpdump -i eth0 -nn -l icmp >/tmp/demo-b2.txt 2>/dev/null
sleep 1
rx_a=$(vni_counter hv2 nvo0 100 rx_packets)
drop_a=$(vni_drop_counter hv2 nvo0 100 port_down)
show a2 ip link set eth0 down
show a1 ping -c 3 -i 0.3 -W 1 10.0.0.2 && die "tenant A reached 10.0.0.2 with a2 down"
sleep 1
echo
echo "  ICMP frames b2 received: $(grep -c . /tmp/demo-b2.txt)"
echo "  hv2 VNI 100 rx_packets: $rx_a -> $(vni_counter hv2 nvo0 100 rx_packets), port_down drops: $drop_a -> $(vni_drop_counter hv2 nvo0 100 port_down)"
echo "  a1's pings reached hv2 in VNI 100 and were dropped there: a2's link is down."
echo "  In VNI 100 there is no other 10.0.0.2, whatever VNI 200 holds."
show a2 ip link set eth0 up
show a1 ping -c 2 -i 0.3 10.0.0.2 || die "tenant A cannot ping a2 again"

say "The counters of hv2, by device, VNI and port"
nvshow hv2 stats

say "Done: tenants A and B share addresses and hypervisors, and never see each other."
