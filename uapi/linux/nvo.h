/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * nvo: network-virtualization overlay datapath.
 *
 * Documentation
 * =============
 *
 * An nvo device is created with rtnetlink (link kind "nvo", attributes
 * IFLA_NVO_* below inside IFLA_INFO_DATA). Its tenant tables are
 * configured with the generic netlink family NVO_GENL_NAME, version
 * NVO_GENL_VERSION. Every command names the nvo device with one of
 *
 *    NVO_A_IFINDEX: NLA_U32
 *    NVO_A_IFNAME: NLA_NUL_STRING, maxlen IFNAMSIZ - 1
 *
 * looked up in the network namespace of the requesting socket. Commands
 * that change state (*_NEW, *_DEL) need CAP_NET_ADMIN over that namespace;
 * *_GET commands do not. Every rejection carries an extended ACK message
 * and, where one attribute is at fault, its offset (NLMSGERR_ATTR_OFFS),
 * or, where one is missing, its type (NLMSGERR_ATTR_MISS_TYPE).
 * Each command accepts only the attributes listed for it below; any other
 * (those marked "reply" included) and unknown flag bits are rejected.
 *
 * NVO_CMD_DEV_GET
 *    doit with a device, or dump (NLM_F_DUMP) of every nvo device in the
 *    namespace. Reply, one message per device:
 *       NVO_A_IFINDEX, NVO_A_IFNAME
 *       NVO_A_LOCAL_IP4: NLA_BE32, 0 when the route chooses   (reply)
 *       NVO_A_LOCAL_IP6: binary in6_addr, :: when the route chooses (reply)
 *       NVO_A_ENCAP: NLA_U8, enum nvo_encap, default for VNIs  (reply)
 *       NVO_A_DSTPORT: NLA_U16, VXLAN UDP port                 (reply)
 *       NVO_A_GENEVE_PORT: NLA_U16, GENEVE UDP port            (reply)
 *       NVO_A_LEARNING: NLA_U8, 0 or 1                         (reply)
 *       NVO_A_AGEING: NLA_U32, seconds                          (reply)
 *       NVO_A_RUNNING: NLA_U8, 1 when up with its socket open   (reply)
 *       NVO_A_VNI_COUNT, NVO_A_PORT_COUNT: NLA_U32             (reply)
 *       NVO_A_FDB_COUNT: NLA_U32, entries of all its VNIs      (reply)
 *       NVO_A_MAX_VNIS, NVO_A_MAX_FDB, NVO_A_MAX_LEARNED,
 *       NVO_A_MAX_CONNS: NLA_U32,
 *       the limits IFLA_NVO_MAX_* set, 0: none                  (reply)
 *       NVO_A_STATS: NLA_NESTED, nvo_stats_attr                 (reply)
 *
 * NVO_CMD_VNI_NEW, NVO_CMD_VNI_SET
 *    NVO_A_VNI: NLA_U32, 0..NVO_VNI_MAX
 *    NVO_A_TENANT: NLA_U16, optional: the tenant the VNI belongs to, also
 *    the nf_conntrack zone of its firewalled ports (0 with VNI_SET: none;
 *    refused while the VNI has firewalled ports)
 *    NVO_A_ENCAP: NLA_U8, enum nvo_encap, optional; UNSPEC: the device's
 *    NVO_A_MAX_FDB: NLA_U32, optional: FDB entries (static and learned)
 *    the VNI may hold, 0 (default): no limit of its own
 *    NVO_A_MAX_LEARNED: NLA_U32, optional: learned entries the VNI may
 *    hold, 0 (default): the device's IFLA_NVO_MAX_LEARNED (FDB entries and
 *    neighbours are counted apart, each against this limit)
 *    NVO_A_NEIGH_UNKNOWN: NLA_U8, enum nvo_neigh_unknown, optional: what
 *    becomes of ARP/ND requests for addresses not in the neighbour table
 *    NVO_A_NEIGH_LEARN: NLA_U8, 0 (default) or 1: learn neighbours from
 *    the ports' ARP and ND
 *    NVO_A_MAX_NEIGH: NLA_U32, optional: neighbour entries (static and
 *    learned) the VNI may hold, 0 (default): no limit
 *    A new VNI beyond the device's IFLA_NVO_MAX_VNIS fails with ENOSPC.
 * NVO_CMD_VNI_DEL
 *    NVO_A_VNI
 *    A VNI is deleted with its FDB, flood list, neighbour table and ACL; it
 *    must have no ports and no router interface.
 *
 * NVO_CMD_VNI_GET
 *    doit with NVO_A_VNI, or dump of the device's VNIs in ascending order.
 *    Reply: NVO_A_IFINDEX, NVO_A_VNI, NVO_A_PORT_COUNT,
 *           NVO_A_FDB_COUNT, NVO_A_LEARNED_COUNT, NVO_A_FLOOD_COUNT: NLA_U32,
 *           NVO_A_MAX_FDB, NVO_A_MAX_LEARNED (as configured),
 *           NVO_A_NEIGH_COUNT: NLA_U32, NVO_A_NEIGH_UNKNOWN,
 *           NVO_A_NEIGH_LEARN, NVO_A_MAX_NEIGH,
 *           NVO_A_ENCAP (as configured), NVO_A_TENANT and
 *           NVO_A_CONN_COUNT (the tenant's connections) when it has one,
 *           NVO_A_OVERHEAD: NLA_U32, bytes
 *           of outer headers plus the inner Ethernet header,
 *           NVO_A_MTU: NLA_U32, the largest MTU a VM of the VNI can use
 *           over the paths to its flood list (0: no flood list),
 *           NVO_A_STATS.
 *
 * NVO_CMD_PORT_NEW
 *    NVO_A_PORT_IFINDEX: NLA_U32 or NVO_A_PORT_IFNAME: NLA_NUL_STRING
 *    NVO_A_VNI
 *    NVO_A_PORT_ID: NLA_U32, optional: the identity GENEVE carries for
 *    frames from this port (IFLA_NVO_GENEVE_PORT_ID), 0: none
 *    Attaches an Ethernet netdevice of the same namespace (a veth or tap)
 *    to one VNI: frames it receives enter nvo, frames for it leave through
 *    it. The port shows nvo as its master.
 *    NVO_A_SG_IDS, NVO_A_PORT_SECURITY, NVO_A_DHCP: optional, as for
 *    NVO_CMD_PORT_SET (a binding given here is in force from the port's
 *    first frame).
 * NVO_CMD_PORT_SET
 *    NVO_A_PORT_IFINDEX or NVO_A_PORT_IFNAME, and any of:
 *    NVO_A_SG_IDS: the port's security groups (host-order u16 ids of the
 *    device's groups, at most NVO_PORT_SG_MAX, no repeats; empty: none),
 *    NVO_A_PORT_SECURITY: 0 turns the firewall off for the port (default
 *    1). A port with port security on and at least one group is
 *    firewalled: its VNI must have a tenant (NVO_A_TENANT).
 *    NVO_A_DHCP: NLA_NESTED, enum nvo_dhcp_attr: the port's DHCP binding
 *    (see DHCP below); an empty nest removes it. NVO_DHCP_ADDR is
 *    required: a unicast IPv4 address, with NVO_DHCP_PREFIX (1..30,
 *    default 24); the rest optional: NVO_DHCP_GW (a host of the subnet,
 *    not the address), NVO_DHCP_DNS (1..NVO_DHCP_DNS_MAX addresses),
 *    NVO_DHCP_DOMAIN (letters, digits, '-' and '.', at most 63 bytes),
 *    NVO_DHCP_MTU (68..65535), NVO_DHCP_LEASE (seconds, 60.., default
 *    86400), NVO_DHCP_ROUTES (classless static routes, RFC 3442: struct
 *    nvo_dhcp_route[1..NVO_DHCP_ROUTES_MAX], destination host bits zero,
 *    a gateway). A new binding replaces the old one whole.
 * NVO_CMD_PORT_DEL
 *    NVO_A_PORT_IFINDEX or NVO_A_PORT_IFNAME
 * NVO_CMD_PORT_GET
 *    dump, optionally filtered by NVO_A_VNI. Reply: NVO_A_IFINDEX,
 *    NVO_A_PORT_IFINDEX, NVO_A_PORT_IFNAME, NVO_A_VNI, NVO_A_PORT_ID,
 *    NVO_A_SG_IDS, NVO_A_PORT_SECURITY, NVO_A_STATS, NVO_A_DHCP (when the
 *    port has a binding: the address, prefix and lease always, the others
 *    when set).
 *
 * DHCP: a port with a binding has a DHCPv4 server in nvo. Its VM's
 * DISCOVER gets an OFFER and its REQUEST for the bound address (option
 * 50, or ciaddr) an ACK, INFORM an ACK without an address, on the spot:
 * address
 * and subnet mask, router (NVO_DHCP_GW), DNS servers, domain, interface
 * MTU, lease time (renewal and rebinding at 1/2 and 7/8 of it) and
 * classless static routes (with the default route among them when there
 * is a gateway, as RFC 3442 asks). A REQUEST for another address gets a
 * NAK; RELEASE and DECLINE are taken and forgotten. The server identifier
 * is the VNI's router gateway, or when it has none 169.254.169.254, whose
 * ARP nvo answers for the port (its VM renews its lease there). The
 * answers count in NVO_STATS_DHCP_ANSWERED (of the port, its VNI and the
 * device); malformed DHCP requests from a
 * port with a binding are dropped (NVO_DROP_DHCP_BAD). DHCP frames of a
 * port without a binding are switched as any frame (a tenant may run its
 * own server).
 *
 * NVO_CMD_FDB_NEW
 *    NVO_A_VNI, NVO_A_MAC: binary, ETH_ALEN, a unicast address
 *    and exactly one destination:
 *       NVO_A_REMOTE_IP4: NLA_BE32, a unicast IPv4 remote VTEP, or
 *       NVO_A_REMOTE_IP6: binary in6_addr, a unicast IPv6 remote VTEP, or
 *       NVO_A_PORT_IFINDEX / NVO_A_PORT_IFNAME: a port of the same VNI
 *    NVO_A_FLAGS: NLA_U32, NVO_F_REPLACE to replace an existing static
 *    entry (create it if absent); without it an existing static entry is
 *    an error (EEXIST). A learned entry is always overwritten.
 *    A new entry beyond the VNI's NVO_A_MAX_FDB or the device's
 *    IFLA_NVO_MAX_FDB fails with ENOSPC.
 *    NVO_A_SG_IDS: optional, remote entries only: the security groups of
 *    the port behind the MAC (host-order u16 ids, 1..65535, none twice, at
 *    most NVO_PORT_SG_MAX; they need not exist on this device), which
 *    egress remote-group rules of local ports match (a frame's own groups
 *    only reach the receiving host). The controller's word, trusted as
 *    the rest of the entry is.
 * NVO_CMD_FDB_DEL
 *    NVO_A_VNI, NVO_A_MAC
 * NVO_CMD_FDB_GET
 *    dump, optionally filtered by NVO_A_VNI. Reply: NVO_A_IFINDEX,
 *    NVO_A_VNI, NVO_A_MAC, the destination as above (a port is given by
 *    both NVO_A_PORT_IFINDEX and NVO_A_PORT_IFNAME), NVO_A_FDB_FLAGS,
 *    NVO_A_SG_IDS when the entry has groups,
 *    NVO_A_AGE: NLA_U32, seconds since a learned entry was last refreshed.
 *
 * NVO_CMD_FLOOD_NEW, NVO_CMD_FLOOD_DEL
 *    NVO_A_VNI, and NVO_A_REMOTE_IP4 or NVO_A_REMOTE_IP6 (lists may mix)
 *    Broadcast, multicast and unknown-unicast frames from a port of the
 *    VNI are copied to every local port of the VNI and to every remote
 *    VTEP of its flood list (head-end replication).
 * NVO_CMD_FLOOD_GET
 *    dump, optionally filtered by NVO_A_VNI. Reply: NVO_A_IFINDEX,
 *    NVO_A_VNI, NVO_A_REMOTE_IP4 or NVO_A_REMOTE_IP6.
 *
 * NVO_CMD_SG_NEW
 *    NVO_A_SG_ID, NVO_A_SG_NAME (optional). A security group of the
 *    device; EEXIST if the id is taken, unless NVO_A_FLAGS has
 *    NVO_F_REPLACE (then only the name changes).
 * NVO_CMD_SG_DEL
 *    NVO_A_SG_ID. EBUSY while a port has the group or a rule of another
 *    group names it as its remote group.
 * NVO_CMD_SG_GET
 *    doit with NVO_A_SG_ID, or dump. Reply: NVO_A_IFINDEX, NVO_A_SG_ID,
 *    NVO_A_SG_NAME, NVO_A_RULE_COUNT, NVO_A_PORT_COUNT.
 * NVO_CMD_RULE_NEW
 *    NVO_A_SG_ID, NVO_A_RULE_ID (optional: the group's highest + 1),
 *    NVO_A_RULE_DIR, NVO_A_RULE_ETHERTYPE, and optionally
 *    NVO_A_RULE_PROTO (0: any); NVO_A_RULE_PORT_MIN/MAX (TCP, UDP,
 *    UDP-Lite, SCTP, DCCP only: the destination port range; one alone is a
 *    single port) or NVO_A_RULE_ICMP_TYPE and NVO_A_RULE_ICMP_CODE (ICMP
 *    with IPv4, ICMPv6 with IPv6); a remote: NVO_A_RULE_REMOTE_IP4 or
 *    NVO_A_RULE_REMOTE_IP6 of the rule's ethertype with
 *    NVO_A_RULE_REMOTE_PREFIX (host bits zero), or NVO_A_RULE_REMOTE_SG.
 *    The remote is the source of ingress and the destination of egress
 *    traffic. A rule identical to one of the group's is refused (EEXIST).
 * NVO_CMD_RULE_DEL
 *    NVO_A_SG_ID, NVO_A_RULE_ID
 * NVO_CMD_RULE_GET
 *    dump, optionally filtered by NVO_A_SG_ID. Reply: NVO_A_IFINDEX,
 *    NVO_A_SG_ID and the rule's attributes as given (ports and ICMP only
 *    when set, the remote when set), NVO_A_RULE_HITS.
 * NVO_CMD_ACL_NEW
 *    NVO_A_VNI, NVO_A_ACL_PRIO (the entry's place: lowest first, unique in
 *    the VNI), NVO_A_ACL_ACTION, and optionally: NVO_A_RULE_DIR (absent:
 *    both), NVO_A_RULE_ETHERTYPE (absent: IPv4 and IPv6), NVO_A_RULE_PROTO,
 *    NVO_A_RULE_PORT_MIN/MAX (as for rules), NVO_A_ACL_SRC_IP4/IP6 with
 *    NVO_A_ACL_SRC_PREFIX, NVO_A_ACL_DST_IP4/IP6 with NVO_A_ACL_DST_PREFIX
 *    (host bits zero; an address needs the ethertype of its family). At
 *    most NVO_VNI_ACL_MAX entries a VNI (ENOSPC).
 * NVO_CMD_ACL_DEL
 *    NVO_A_VNI, NVO_A_ACL_PRIO
 * NVO_CMD_ACL_GET
 *    dump, optionally filtered by NVO_A_VNI. Reply: NVO_A_IFINDEX, NVO_A_VNI,
 *    the entry's attributes as given, NVO_A_ACL_HITS: u64, frames it
 *    decided.
 *
 * ACLs: the operator's guard rails, per VNI, stateless and ordered. Every
 * IPv4 and IPv6 frame a port of the VNI sends (egress) or is sent
 * (ingress), port security on or off, is held against the VNI's entries
 * of its direction, lowest NVO_A_ACL_PRIO first; the first that matches
 * decides: deny drops the frame (NVO_DROP_ACL_DENY), allow hands it to the
 * security groups. No match: the security groups decide. Fragments after
 * the first match entries without ports only.
 * NVO_CMD_NEIGH_NEW
 *    NVO_A_VNI, NVO_A_IP4 or NVO_A_IP6 (a unicast tenant address; not an
 *    IPv4-mapped IPv6 one), NVO_A_MAC (a unicast MAC), NVO_A_FLAGS
 *    (optional: NVO_F_REPLACE, as for FDB entries; a learned entry is always
 *    overwritten), NVO_A_NEIGH_FLAGS (optional: NVO_NEIGH_F_ROUTER, the
 *    address is a router's, such as a tenant's router VM: the NAs nvo
 *    answers for it have the R flag, without which hosts drop it as their
 *    default router, RFC 4861 7.2.5). A new entry beyond the VNI's
 *    NVO_A_MAX_NEIGH fails with ENOSPC.
 * NVO_CMD_NEIGH_DEL
 *    NVO_A_VNI, NVO_A_IP4 or NVO_A_IP6
 * NVO_CMD_NEIGH_GET
 *    dump, optionally filtered by NVO_A_VNI. Reply: NVO_A_IFINDEX, NVO_A_VNI,
 *    NVO_A_IP4 or NVO_A_IP6, NVO_A_MAC, NVO_A_NEIGH_FLAGS, and for a learned
 *    entry NVO_A_AGE and the port it was learned on (NVO_A_PORT_IFINDEX,
 *    NVO_A_PORT_IFNAME).
 *
 * Neighbour tables (ARP/ND suppression): each VNI has a table of tenant
 * IP -> MAC. An ARP request or IPv6 neighbour solicitation a port sends
 * to the broadcast or a multicast address, for an address in the table,
 * is answered by nvo on the spot (as the owner would: ARP reply, or NA
 * with the solicited and override flags) and goes no further; counted in
 * NVO_STATS_NEIGH_ANSWERED. One for an address not in the table goes on
 * as any frame (NVO_STATS_NEIGH_FLOODED) or, when the VNI's
 * NVO_A_NEIGH_UNKNOWN is NVO_NEIGH_UNKNOWN_DROP, is dropped
 * (NVO_DROP_NEIGH_UNKNOWN). Not answered, and switched as any frame:
 * requests sent to a unicast MAC (the owner answers, so its reachability
 * is really confirmed), requests whose answer would be the asker's own
 * MAC, gratuitous ARP, duplicate address detection (NS from ::; but
 * for a router interface's own addresses, which nvo defends with an NA
 * to all nodes),
 * VLAN-tagged requests and requests from the underlay (the sending host
 * already answered what it knew). The answer comes before the VNI's ACL and security groups, as
 * the gateway's would. With the VNI's NVO_A_NEIGH_LEARN on, the table also
 * learns from the ports' own ARP (sender address and MAC, when the MAC is
 * the frame's source) and ND (NS source and its source link-layer
 * option, NA target and its target link-layer option, and the NA's R
 * flag: NVO_NEIGH_F_ROUTER) traffic; learned entries never override
 * static ones, count against the VNI's learned
 * limit (NVO_A_MAX_LEARNED or the device's; when reached, counted in
 * NVO_STATS_LEARN_LIMIT), age out as learned FDB entries do, and go with
 * the port they were learned on.
 *
 * NVO_CMD_ROUTER_NEW
 *    NVO_A_ROUTER_ID: NLA_U32, 1..; NVO_A_TENANT (required, 1..65535): the
 *    tenant it routes for (its interfaces are on that tenant's VNIs).
 *    EEXIST if the id is taken.
 * NVO_CMD_ROUTER_DEL
 *    NVO_A_ROUTER_ID. The router goes with its interfaces and routes.
 * NVO_CMD_ROUTER_GET
 *    dump. Reply: NVO_A_IFINDEX, NVO_A_ROUTER_ID, NVO_A_TENANT,
 *    NVO_A_RIF_COUNT, NVO_A_ROUTE_COUNT: NLA_U32 (routes, connected ones
 *    included).
 * NVO_CMD_RIF_NEW
 *    NVO_A_ROUTER_ID, NVO_A_VNI (of the router's tenant, with no router
 *    interface yet), NVO_A_MAC (the router's MAC on that VNI, unicast), and
 *    at least one gateway address: NVO_A_IP4 with NVO_A_PREFIX4 (1..30,
 *    default 24) and/or NVO_A_IP6 with NVO_A_PREFIX6 (1..126, default 64),
 *    a host address of its prefix. The prefixes become connected routes;
 *    they may not overlap another interface's of the router.
 * NVO_CMD_RIF_DEL
 *    NVO_A_ROUTER_ID, NVO_A_VNI. Refused while a static route's next hop
 *    is on it.
 * NVO_CMD_RIF_GET
 *    dump. Reply: NVO_A_IFINDEX, NVO_A_ROUTER_ID, NVO_A_VNI, NVO_A_MAC, the
 *    addresses with their prefix lengths (the default when none was given).
 *    A VNI with a router interface cannot be deleted or change tenant
 *    (EBUSY).
 * NVO_CMD_ROUTE_NEW
 *    NVO_A_ROUTER_ID, the destination NVO_A_IP4 with NVO_A_PREFIX4 (0..32)
 *    or NVO_A_IP6 with NVO_A_PREFIX6 (0..128; absent: a host route), host
 *    bits zero, and the next
 *    hop NVO_A_VIA4 or NVO_A_VIA6 of the same family, on the subnet of one
 *    of the router's interfaces. EEXIST for a prefix the router has (a
 *    connected one included), unless NVO_A_FLAGS has NVO_F_REPLACE (static
 *    routes only).
 * NVO_CMD_ROUTE_DEL
 *    NVO_A_ROUTER_ID, the destination as for NVO_CMD_ROUTE_NEW (static
 *    routes only).
 * NVO_CMD_ROUTE_GET
 *    dump, optionally filtered by NVO_A_ROUTER_ID. Reply: NVO_A_IFINDEX,
 *    NVO_A_ROUTER_ID, the destination, NVO_A_VNI for a connected route or
 *    the next hop for a static one. The router's own addresses (local
 *    routes) are not listed, nor counted in NVO_A_ROUTE_COUNT.
 *
 * Tenant routers (distributed, anycast gateway): a frame a port sends to
 * the MAC of its VNI's router interface is routed on this host: IPv4 or
 * IPv6 (anything else is dropped, NVO_DROP_UNROUTABLE), longest-prefix
 * match in its router's table, TTL/hop limit decremented, its source MAC
 * the router's MAC on the outgoing VNI and its destination the MAC the
 * outgoing VNI's neighbour table has for the next hop (none:
 * NVO_DROP_NO_NEIGH), then switched in that VNI: to a local port or
 * straight to the VTEP of the destination (one virtual hop). The sender's
 * VNI's ACL and its groups' egress rules apply before routing, the
 * destination's after. The router's gateway addresses answer ARP/ND
 * (router flag set) and ICMP/ICMPv6 echo on every host that has the
 * router; a frame to another of its addresses is dropped (NVO_DROP_UNROUTABLE),
 * and so is one whose TTL would expire (NVO_DROP_TTL), with an ICMP time
 * exceeded back to the sender, as for a destination no route covers
 * (ICMP destination unreachable, network). A router solicitation from a
 * port of a VNI whose interface has an IPv6 gateway is answered with a
 * router advertisement from the interface's link-local address (fe80::
 * and the EUI-64 of its MAC, which answers ND and echo too): router
 * lifetime three times ra_interval (below), at least 1800 s and at most
 * 9000 s, the MAC, the VNI's MTU (NVO_A_MTU, when known) and the
 * interface's prefix, on-link, autonomous when it is a /64; counted in
 * NVO_STATS_NEIGH_ANSWERED. The same advertisement goes unsolicited to
 * every such port every ra_interval seconds (nvo.ko module parameter,
 * default 600, at most 3000; 0: none).
 *
 * NVO_CMD_CONN_FLUSH
 *    The device's established connections are held against the rules
 *    again, each at its next packet: one the rules no longer allow is
 *    dropped (NVO_DROP_FW_DENY) and its conntrack entry removed. nvo
 *    keeps a generation in the conntrack mark of its tenants' entries.
 *
 * Security groups (OpenStack Neutron semantics): a firewalled port
 * passes ARP, IPv4 and IPv6 only (NVO_DROP_FW_PROTO); IP packets are
 * tracked by nf_conntrack in the zone of the VNI's tenant (so tenants'
 * identical addresses never share an entry). The first packet of a
 * connection must be allowed by a rule of the sender's groups (egress,
 * when the sender is a firewalled port of this host) and of the
 * receiver's groups (ingress, when the receiver is one); what no rule
 * allows is dropped (NVO_DROP_FW_DENY), and so is what conntrack finds
 * invalid (NVO_DROP_FW_INVALID). IP fragments are reassembled in the
 * zone first (what reassembly refuses: NVO_DROP_FRAG) and leave split as
 * they came, no fragment larger than the largest received. A tenant has at most the device's
 * IFLA_NVO_MAX_CONNS connections through nvo's firewall (conntrack entries
 * it confirmed, until they die); a new one beyond is dropped
 * (NVO_DROP_CONN_LIMIT). Replies and related ICMP errors of
 * allowed connections pass. IPv6 neighbour discovery passes always. A
 * remote group matches the port at the other end when it is a port of
 * this device with that group, or, for a frame from the underlay, when
 * the frame carries the group (the GENEVE groups option, or the VXLAN-GBP
 * group policy id when IFLA_NVO_GBP is on: the sender's first group) and
 * its outer source address is in the VNI's flood list; a frame from any
 * other VTEP belongs to no group. Rule changes apply to new connections.
 *
 * A device listens on both encapsulations' ports while it is up (IPv4 and,
 * where the kernel has it, IPv6), so each VNI may use either; frames of a
 * VNI are accepted in both.
 *
 * Dumps that race with a change are flagged NLM_F_DUMP_INTR on the message
 * where the change was seen; a consistent reader repeats the dump. An FDB
 * or neighbour entry (added, replaced, deleted, learned, aged out) counts
 * as a change of its VNI's table only: it flags a dump of that table while
 * the table is walked, not dumps of other VNIs' tables or of other
 * objects. Each VNI's table in a dump is thus one consistent snapshot, and
 * a dump of a large device completes while entries elsewhere change.
 *
 * Counters (NVO_A_STATS) count, for a device, encapsulated frames received
 * from and sent to the underlay; for a VNI, the same for that VNI; for a
 * port, frames received from and delivered to the attached device. Drops
 * are counted by reason at every level they belong to (port, VNI, device).
 *
 * NVO_STATS_NEIGH_ANSWERED and NVO_STATS_NEIGH_FLOODED count, for a port,
 * the requests it sent; for a VNI and a device, those of their ports.
 *
 * Limits: learning never fails a frame. A source MAC that would take a
 * learned entry beyond the VNI's learned limit, the VNI's NVO_A_MAX_FDB or
 * the device's IFLA_NVO_MAX_FDB is not learned (the frame is still
 * switched) and counted in NVO_STATS_LEARN_LIMIT of its port, VNI and
 * device, as is a neighbour not learned. Lowering a limit below what a
 * table holds removes nothing; new entries are refused until it is under
 * the limit again.
 */

#ifndef _UAPI_LINUX_NVO_H
#define _UAPI_LINUX_NVO_H

#include <linux/types.h>

#define NVO_GENL_NAME		"nvo"
#define NVO_GENL_VERSION	1

#define NVO_VNI_MAX		0xffffff
#define NVO_DEFAULT_DSTPORT	4789
#define NVO_DEFAULT_GENEVE_PORT	6081
#define NVO_DEFAULT_AGEING	300
#define NVO_DEFAULT_MAX_LEARNED	4096

/* The GENEVE options (RFC 8926) nvo adds when told to
 * (IFLA_NVO_GENEVE_PORT_ID), class from the experimental range, not
 * critical: type 1, 4 bytes: the sending port's identity (NVO_A_PORT_ID),
 * big endian, when it has one; type 2, 4 to 32 bytes: its security
 * groups, 16-bit ids big endian, padded with id 0, when it has any.
 */
#define NVO_GENEVE_CLASS	0xfff0
#define NVO_GENEVE_TYPE_PORT_ID	0x01
#define NVO_GENEVE_TYPE_GROUPS	0x02

enum nvo_encap {
	NVO_ENCAP_UNSPEC,	/* a VNI: the device's encapsulation */
	NVO_ENCAP_VXLAN,	/* RFC 7348 */
	NVO_ENCAP_GENEVE,	/* RFC 8926 */
	__NVO_ENCAP_MAX
};

#define NVO_ENCAP_MAX (__NVO_ENCAP_MAX - 1)

/* rtnetlink link attributes, inside IFLA_INFO_DATA of kind "nvo" */
enum {
	IFLA_NVO_UNSPEC,
	IFLA_NVO_LOCAL_IP4,	/* NLA_BE32: source VTEP address, 0: by route */
	IFLA_NVO_DSTPORT,	/* NLA_U16: UDP port, not while up */
	IFLA_NVO_LEARNING,	/* NLA_U8: learn source MACs of local ports */
	IFLA_NVO_AGEING,	/* NLA_U32: seconds before a learned MAC expires */
	IFLA_NVO_LOCAL_IP6,	/* binary in6_addr: IPv6 source VTEP address */
	IFLA_NVO_ENCAP,		/* NLA_U8, enum nvo_encap: default for VNIs */
	IFLA_NVO_GENEVE_PORT,	/* NLA_U16: GENEVE UDP port, not while up */
	IFLA_NVO_TTL,		/* NLA_U8: outer TTL/hop limit, 0: the route's */
	IFLA_NVO_TTL_INHERIT,	/* NLA_U8: outer TTL from the inner IP header */
	IFLA_NVO_TOS,		/* NLA_U8: outer DSCP, as a TOS byte (ECN 0) */
	IFLA_NVO_TOS_INHERIT,	/* NLA_U8: outer DSCP from the inner IP header */
	IFLA_NVO_UDP_CSUM,	/* NLA_U8: outer UDP checksum over IPv4 */
	IFLA_NVO_UDP6_ZERO_CSUM_TX,	/* NLA_U8: send IPv6 UDP without sum */
	IFLA_NVO_UDP6_ZERO_CSUM_RX,	/* NLA_U8: accept IPv6 UDP without sum */
	IFLA_NVO_SPORT_MIN,	/* NLA_U16: UDP source port range, both 0: */
	IFLA_NVO_SPORT_MAX,	/* NLA_U16: the namespace's local port range */
	IFLA_NVO_GENEVE_PORT_ID, /* NLA_U8: send the nvo GENEVE option */
	IFLA_NVO_MAX_VNIS,	/* NLA_U32: VNIs the device may have, 0: any */
	IFLA_NVO_MAX_FDB,	/* NLA_U32: FDB entries of all its VNIs, 0: any */
	IFLA_NVO_MAX_LEARNED,	/* NLA_U32: learned entries per VNI, 0: any */
	IFLA_NVO_GBP,		/* NLA_U8: VXLAN Group Based Policy extension */
	IFLA_NVO_MAX_CONNS,	/* NLA_U32: connections per tenant, 0: any */
	__IFLA_NVO_MAX
};

#define IFLA_NVO_MAX (__IFLA_NVO_MAX - 1)

enum nvo_cmd {
	NVO_CMD_UNSPEC,
	NVO_CMD_DEV_GET,
	NVO_CMD_VNI_NEW,
	NVO_CMD_VNI_DEL,
	NVO_CMD_VNI_GET,
	NVO_CMD_PORT_NEW,
	NVO_CMD_PORT_DEL,
	NVO_CMD_PORT_GET,
	NVO_CMD_FDB_NEW,
	NVO_CMD_FDB_DEL,
	NVO_CMD_FDB_GET,
	NVO_CMD_FLOOD_NEW,
	NVO_CMD_FLOOD_DEL,
	NVO_CMD_FLOOD_GET,
	NVO_CMD_VNI_SET,
	NVO_CMD_PORT_SET,
	NVO_CMD_SG_NEW,
	NVO_CMD_SG_DEL,
	NVO_CMD_SG_GET,
	NVO_CMD_RULE_NEW,
	NVO_CMD_RULE_DEL,
	NVO_CMD_RULE_GET,
	NVO_CMD_CONN_FLUSH,
	NVO_CMD_ACL_NEW,
	NVO_CMD_ACL_DEL,
	NVO_CMD_ACL_GET,
	NVO_CMD_NEIGH_NEW,
	NVO_CMD_NEIGH_DEL,
	NVO_CMD_NEIGH_GET,
	NVO_CMD_ROUTER_NEW,
	NVO_CMD_ROUTER_DEL,
	NVO_CMD_ROUTER_GET,
	NVO_CMD_RIF_NEW,
	NVO_CMD_RIF_DEL,
	NVO_CMD_RIF_GET,
	NVO_CMD_ROUTE_NEW,
	NVO_CMD_ROUTE_DEL,
	NVO_CMD_ROUTE_GET,
	__NVO_CMD_MAX
};

#define NVO_CMD_MAX (__NVO_CMD_MAX - 1)

enum nvo_attr {
	NVO_A_UNSPEC,
	NVO_A_IFINDEX,		/* u32 */
	NVO_A_IFNAME,		/* string */
	NVO_A_VNI,		/* u32 */
	NVO_A_PORT_IFINDEX,	/* u32 */
	NVO_A_PORT_IFNAME,	/* string */
	NVO_A_MAC,		/* binary, ETH_ALEN */
	NVO_A_REMOTE_IP4,	/* be32 */
	NVO_A_FLAGS,		/* u32, enum nvo_flags */
	NVO_A_FDB_FLAGS,	/* u32, enum nvo_fdb_flags (reply) */
	NVO_A_AGE,		/* u32, seconds (reply) */
	NVO_A_LOCAL_IP4,	/* be32 (reply) */
	NVO_A_DSTPORT,		/* u16 (reply) */
	NVO_A_LEARNING,		/* u8 (reply) */
	NVO_A_AGEING,		/* u32 (reply) */
	NVO_A_RUNNING,		/* u8 (reply) */
	NVO_A_VNI_COUNT,	/* u32 (reply) */
	NVO_A_PORT_COUNT,	/* u32 (reply) */
	NVO_A_FDB_COUNT,	/* u32 (reply) */
	NVO_A_FLOOD_COUNT,	/* u32 (reply) */
	NVO_A_STATS,		/* nested, enum nvo_stats_attr (reply) */
	NVO_A_REMOTE_IP6,	/* binary, struct in6_addr */
	NVO_A_LOCAL_IP6,	/* binary, struct in6_addr (reply) */
	NVO_A_ENCAP,		/* u8, enum nvo_encap */
	NVO_A_GENEVE_PORT,	/* u16 (reply) */
	NVO_A_PORT_ID,		/* u32 */
	NVO_A_OVERHEAD,		/* u32, bytes (reply) */
	NVO_A_MTU,		/* u32, bytes (reply) */
	NVO_A_MAX_VNIS,		/* u32 (reply) */
	NVO_A_MAX_FDB,		/* u32 */
	NVO_A_MAX_LEARNED,	/* u32 */
	NVO_A_LEARNED_COUNT,	/* u32 (reply) */
	NVO_A_TENANT,		/* u16, 1..65535, 0: none (VNI_SET) */
	NVO_A_SG_ID,		/* u16, 1..65535 */
	NVO_A_SG_NAME,		/* string, < NVO_SG_NAME_LEN */
	NVO_A_SG_IDS,		/* binary, u16[0..NVO_PORT_SG_MAX] */
	NVO_A_PORT_SECURITY,	/* u8, 0 or 1 */
	NVO_A_RULE_ID,		/* u32, 1.. */
	NVO_A_RULE_DIR,		/* u8, enum nvo_rule_dir */
	NVO_A_RULE_ETHERTYPE,	/* u16, ETH_P_IP or ETH_P_IPV6 */
	NVO_A_RULE_PROTO,	/* u8, IP protocol, 0: any */
	NVO_A_RULE_PORT_MIN,	/* u16 */
	NVO_A_RULE_PORT_MAX,	/* u16 */
	NVO_A_RULE_ICMP_TYPE,	/* u8 */
	NVO_A_RULE_ICMP_CODE,	/* u8 */
	NVO_A_RULE_REMOTE_IP4,	/* be32 */
	NVO_A_RULE_REMOTE_IP6,	/* binary, struct in6_addr */
	NVO_A_RULE_REMOTE_PREFIX, /* u8, prefix length of the remote address */
	NVO_A_RULE_REMOTE_SG,	/* u16, a security group of the device */
	NVO_A_RULE_COUNT,	/* u32 (reply) */
	NVO_A_MAX_CONNS,	/* u32 (reply) */
	NVO_A_CONN_COUNT,	/* u32 (reply) */
	NVO_A_ACL_PRIO,		/* u32 */
	NVO_A_ACL_ACTION,	/* u8, enum nvo_acl_action */
	NVO_A_ACL_SRC_IP4,	/* be32 */
	NVO_A_ACL_SRC_IP6,	/* binary, struct in6_addr */
	NVO_A_ACL_SRC_PREFIX,	/* u8 */
	NVO_A_ACL_DST_IP4,	/* be32 */
	NVO_A_ACL_DST_IP6,	/* binary, struct in6_addr */
	NVO_A_ACL_DST_PREFIX,	/* u8 */
	NVO_A_ACL_HITS,		/* u64 (reply) */
	NVO_A_PAD,
	NVO_A_RULE_HITS,	/* u64: connections the rule allowed (reply) */
	NVO_A_IP4,		/* be32: a tenant address */
	NVO_A_IP6,		/* binary, struct in6_addr: a tenant address */
	NVO_A_NEIGH_FLAGS,	/* u32, enum nvo_neigh_flags */
	NVO_A_NEIGH_UNKNOWN,	/* u8, enum nvo_neigh_unknown */
	NVO_A_NEIGH_LEARN,	/* u8, 0 or 1 */
	NVO_A_MAX_NEIGH,	/* u32 */
	NVO_A_NEIGH_COUNT,	/* u32 (reply) */
	NVO_A_ROUTER_ID,	/* u32, 1.. */
	NVO_A_PREFIX4,		/* u8, prefix length of NVO_A_IP4 */
	NVO_A_PREFIX6,		/* u8, prefix length of NVO_A_IP6 */
	NVO_A_VIA4,		/* be32: a route's next hop */
	NVO_A_VIA6,		/* binary, struct in6_addr: a route's next hop */
	NVO_A_RIF_COUNT,	/* u32 (reply) */
	NVO_A_ROUTE_COUNT,	/* u32 (reply) */
	NVO_A_DHCP,		/* nested, enum nvo_dhcp_attr */
	__NVO_A_MAX
};

#define NVO_A_MAX (__NVO_A_MAX - 1)

enum nvo_flags {
	NVO_F_REPLACE = 1U << 0,
	__NVO_F_ALL = NVO_F_REPLACE
};

#define NVO_SG_NAME_LEN		32
#define NVO_PORT_SG_MAX		16
#define NVO_SG_RULE_MAX		65536

enum nvo_rule_dir {
	NVO_RULE_INGRESS = 1,	/* towards the port (its VM receives) */
	NVO_RULE_EGRESS,	/* from the port (its VM sends) */
	__NVO_RULE_DIR_MAX
};

#define NVO_RULE_DIR_MAX (__NVO_RULE_DIR_MAX - 1)

#define NVO_VNI_ACL_MAX		1024

enum nvo_acl_action {
	NVO_ACL_ALLOW = 1,	/* stop here: the security groups decide */
	NVO_ACL_DENY,		/* drop the frame */
	__NVO_ACL_ACTION_MAX
};

#define NVO_ACL_ACTION_MAX (__NVO_ACL_ACTION_MAX - 1)

enum nvo_fdb_flags {
	NVO_FDB_F_LEARNED = 1U << 0,
};

enum nvo_neigh_flags {
	NVO_NEIGH_F_LEARNED = 1U << 0,	/* (reply) */
	NVO_NEIGH_F_ROUTER = 1U << 1,	/* IPv6: NAs for it say "router" */
};

/* ARP/ND requests for addresses not in a VNI's neighbour table */
enum nvo_neigh_unknown {
	NVO_NEIGH_UNKNOWN_FLOOD,	/* go on as any frame (default) */
	NVO_NEIGH_UNKNOWN_DROP,		/* dropped: "neigh_unknown" */
	__NVO_NEIGH_UNKNOWN_MAX
};

#define NVO_NEIGH_UNKNOWN_MAX (__NVO_NEIGH_UNKNOWN_MAX - 1)

enum nvo_dhcp_attr {
	NVO_DHCP_UNSPEC,
	NVO_DHCP_ADDR,		/* be32 */
	NVO_DHCP_PREFIX,	/* u8 */
	NVO_DHCP_GW,		/* be32 */
	NVO_DHCP_DNS,		/* binary, be32[1..NVO_DHCP_DNS_MAX] */
	NVO_DHCP_DOMAIN,	/* string */
	NVO_DHCP_MTU,		/* u16 */
	NVO_DHCP_LEASE,		/* u32, seconds */
	NVO_DHCP_ROUTES,	/* binary, struct nvo_dhcp_route[] */
	__NVO_DHCP_MAX
};

#define NVO_DHCP_MAX (__NVO_DHCP_MAX - 1)
#define NVO_DHCP_DNS_MAX	4
#define NVO_DHCP_ROUTES_MAX	16
#define NVO_DHCP_DOMAIN_LEN	64	/* with its NUL */
#define NVO_DHCP_DEFAULT_LEASE	86400

struct nvo_dhcp_route {
	__be32 dst;
	__be32 gw;
	__u8 prefix;		/* 0..32 */
	__u8 pad[3];		/* zero */
};

enum nvo_stats_attr {
	NVO_STATS_UNSPEC,
	NVO_STATS_RX_PACKETS,	/* u64 */
	NVO_STATS_RX_BYTES,	/* u64 */
	NVO_STATS_TX_PACKETS,	/* u64 */
	NVO_STATS_TX_BYTES,	/* u64 */
	NVO_STATS_DROPS,	/* nested: type enum nvo_drop, u64; type 0 pads */
	NVO_STATS_PAD,
	NVO_STATS_LEARN_LIMIT,	/* u64: MACs or neighbours not learned, limit */
	NVO_STATS_NEIGH_ANSWERED, /* u64: ARP/ND requests nvo answered */
	NVO_STATS_NEIGH_FLOODED, /* u64: ARP/ND requests for unknown addresses */
	NVO_STATS_DHCP_ANSWERED, /* u64: DHCP requests nvo answered */
	__NVO_STATS_MAX
};

#define NVO_STATS_MAX (__NVO_STATS_MAX - 1)

/* Why a frame was dropped. Names as nvctl prints them. */
enum nvo_drop {
	NVO_DROP_UNSPEC,
	NVO_DROP_DEV_DOWN,	/* "dev_down": the nvo device is not up */
	NVO_DROP_TRUNCATED,	/* "truncated": header shorter than stated */
	NVO_DROP_BAD_FLAGS,	/* "bad_flags": VXLAN I flag clear or unknown flag */
	NVO_DROP_UNKNOWN_VNI,	/* "unknown_vni": VNI not configured */
	NVO_DROP_BAD_SRC_MAC,	/* "bad_src_mac": multicast or zero source MAC */
	NVO_DROP_NO_DEST,	/* "no_dest": no FDB entry and nothing to flood to */
	NVO_DROP_HAIRPIN,	/* "hairpin": destination is the ingress port */
	NVO_DROP_NOT_LOCAL,	/* "not_local": tunnel frame for a remote MAC */
	NVO_DROP_PORT_DOWN,	/* "port_down": destination port not running */
	NVO_DROP_MTU,		/* "mtu": frame larger than the port MTU */
	NVO_DROP_NO_ROUTE,	/* "no_route": no underlay route to the VTEP */
	NVO_DROP_LOOP,		/* "loop": underlay route leads back into nvo */
	NVO_DROP_NOMEM,		/* "nomem": allocation failed */
	NVO_DROP_XMIT,		/* "xmit": transmit queue refused the frame */
	NVO_DROP_DEV_XMIT,	/* "dev_xmit": sent to the nvo device itself */
	NVO_DROP_LINK_LOCAL,	/* "link_local": 01:80:c2:00:00:0x, not forwarded */
	NVO_DROP_BAD_PROTO,	/* "bad_proto": GENEVE payload is not Ethernet */
	NVO_DROP_CRITICAL_OPT,	/* "critical_opt": unknown critical GENEVE option */
	NVO_DROP_ECN,		/* "ecn": outer CE on a not-ECT inner packet */
	NVO_DROP_TOO_BIG,	/* "too_big": over the path MTU, ICMP sent back */
	NVO_DROP_FW_DENY,	/* "fw_deny": no security group rule allows it */
	NVO_DROP_FW_INVALID,	/* "fw_invalid": conntrack finds it invalid */
	NVO_DROP_FW_PROTO,	/* "fw_proto": neither IP nor ARP, port firewalled */
	NVO_DROP_CONN_LIMIT,	/* "conn_limit": the tenant has max-conns already */
	NVO_DROP_ACL_DENY,	/* "acl_deny": a deny entry of the VNI's ACL */
	NVO_DROP_NEIGH_UNKNOWN,	/* "neigh_unknown": ARP/ND for an unknown address */
	NVO_DROP_UNROUTABLE,	/* "unroutable": no route, or not IP, at a router */
	NVO_DROP_NO_NEIGH,	/* "no_neigh": next hop not in the neighbour table */
	NVO_DROP_TTL,		/* "ttl": TTL or hop limit expired at a router */
	NVO_DROP_DHCP_BAD,	/* "dhcp_bad": malformed DHCP to nvo's server */
	NVO_DROP_FRAG,		/* "frag": fragment reassembly refused, port firewalled */
	__NVO_DROP_MAX
};

#define NVO_DROP_MAX (__NVO_DROP_MAX - 1)

#endif /* _UAPI_LINUX_NVO_H */
