/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnvo: the C API to the nvo overlay datapath.
 *
 * Errors: every call returns 0 or a negative errno; on failure
 * nvo_errmsg() tells why in words: the kernel's extended ACK message, with
 * the name of the attribute it pointed at, or the library's own reason.
 * A kernel that accepts a request with a remark (an extended ACK message on
 * a successful ACK) leaves it in nvo_warning().
 *
 * Threads: a handle must not be used by several threads at once; separate
 * handles are independent of each other and may be used concurrently.
 * A handle's netlink sockets belong to the network namespace its thread was
 * in when nvo_open() ran. After a failed receive, a socket is closed (which
 * ends a dump the kernel may still be running) and reopened on next use,
 * but only if the thread is back in that namespace; otherwise those calls
 * fail with -ENOTCONN and the handle should be closed.
 *
 * Walks: the dump calls read the whole table into memory first and only
 * then invoke the callback, once per object, so that callers see one
 * consistent table: a dump the kernel flags as changed while it ran is
 * read again, up to 5 times with 1, 2, 4 and 8 ms pauses in between, then
 * it fails with -EAGAIN. The buffer holds the table as netlink messages and
 * grows by doubling from 64 KiB: count on up to twice about 100 bytes per
 * FDB, flood, neighbour or route entry and 550 bytes per device, VNI or
 * port (with their counters; up to 350 more for a port's DHCP binding),
 * e.g. 200 MB for a million FDB entries.
 * A callback returns 0 to go on, or a positive value to stop the walk;
 * that value is then returned. Negative values are reserved for -errno.
 * A callback may call other functions on the same handle (not nvo_close()),
 * but they overwrite nvo_errmsg() and nvo_warning().
 *
 * ABI: a struct the caller fills (a cfg, struct nvo_rule and the like)
 * carries its own handshake, its set bits: fields are only appended, each
 * with a new bit, so the library never reads past what a program built
 * against an older header allocated, and a bit this library does not know
 * fails with -EOPNOTSUPP instead of being ignored. The fields always read
 * come first and stay where they are, as do the arrays sized by LIBNVO_
 * constants. Info structs are the library's, read only in callbacks, and
 * grow the same way (the embedded cfg-like member last).
 */
#ifndef LIBNVO_H
#define LIBNVO_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/nvo.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvo;

/* "0.1.0": the version of the library the program runs with. */
const char *nvo_version(void);

/* NULL with errno set when the netlink sockets cannot be opened. */
struct nvo *nvo_open(void);
void nvo_close(struct nvo *h);
/* Why the last call failed. */
const char *nvo_errmsg(const struct nvo *h);
/* The kernel's warning about the last call, "" if none. */
const char *nvo_warning(const struct nvo *h);

/*
 * Counters of a device, VNI or port. The size is fixed, whatever
 * <linux/nvo.h> says, so that a newer kernel's reasons fit: drops[] is
 * indexed by enum nvo_drop and also holds reasons that nvo_drop_name()
 * does not know; drops_other sums those numbered LIBNVO_STATS_DROPS or more.
 */
#define LIBNVO_STATS_DROPS	64
struct nvo_stats {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint64_t drops[LIBNVO_STATS_DROPS];
	uint64_t drops_other;
};
/* "unknown_vni", ...; NULL for NVO_DROP_UNSPEC and unknown reasons */
const char *nvo_drop_name(unsigned int reason);

/*
 * A VTEP address, IPv4 or IPv6: family is AF_INET (v4) or AF_INET6 (v6).
 * Any other family is refused with -EAFNOSUPPORT. The union is unnamed (C11,
 * C++; GNU C99 with __extension__).
 */
struct nvo_addr {
	int family;
#ifdef __GNUC__
	__extension__
#endif
	union {
		struct in_addr v4;
		struct in6_addr v6;
	};
};

/*
 * Link (rtnetlink). Only the fields whose bit is in set are sent; the
 * others keep their default (add) or current value (set). A zeroed struct,
 * like a NULL cfg, sets nothing. Fields may be appended in later versions,
 * with new bits; a bit the library does not know fails with -EOPNOTSUPP.
 */
enum nvo_link_field {
	NVO_LINK_LOCAL		= 1U << 0,
	NVO_LINK_DSTPORT	= 1U << 1,
	NVO_LINK_LEARNING	= 1U << 2,
	NVO_LINK_AGEING		= 1U << 3,
	NVO_LINK_UP		= 1U << 4,
	NVO_LINK_LOCAL6		= 1U << 5,
	NVO_LINK_ENCAP		= 1U << 6,
	NVO_LINK_GENEVE_PORT	= 1U << 7,
	NVO_LINK_TTL		= 1U << 8,	/* ttl and ttl_inherit */
	NVO_LINK_TOS		= 1U << 9,	/* tos and tos_inherit */
	NVO_LINK_UDP_CSUM	= 1U << 10,
	NVO_LINK_UDP6_ZERO_CSUM_TX = 1U << 11,
	NVO_LINK_UDP6_ZERO_CSUM_RX = 1U << 12,
	NVO_LINK_SPORT		= 1U << 13,	/* sport_min and sport_max */
	NVO_LINK_GENEVE_PORT_ID	= 1U << 14,
	NVO_LINK_MAX_VNIS	= 1U << 15,
	NVO_LINK_MAX_FDB	= 1U << 16,
	NVO_LINK_MAX_LEARNED	= 1U << 17,
	NVO_LINK_GBP		= 1U << 18,
	NVO_LINK_MAX_CONNS	= 1U << 19,
};
struct nvo_link_cfg {
	uint32_t set;			/* enum nvo_link_field */
	struct in_addr local;		/* 0.0.0.0: chosen by route */
	uint16_t dstport;		/* VXLAN, default NVO_DEFAULT_DSTPORT */
	bool learning;			/* default on */
	uint32_t ageing;		/* seconds, default NVO_DEFAULT_AGEING */
	bool up;			/* default down */
	struct in6_addr local6;		/* ::, chosen by route */
	uint8_t encap;			/* enum nvo_encap, default VXLAN */
	uint16_t geneve_port;		/* default NVO_DEFAULT_GENEVE_PORT */
	/*
	 * Outer TTL (hop limit) and TOS. With *_inherit, the inner IP
	 * header's (only the DSCP of the TOS); ttl and tos are then not sent,
	 * and stay what they were for frames that are not IP. Without, ttl
	 * and tos themselves: ttl 0 is the route's hop limit; tos is a TOS
	 * byte whose ECN bits must be 0. Defaults: 0, not inherited.
	 */
	uint8_t ttl;
	bool ttl_inherit;
	uint8_t tos;
	bool tos_inherit;
	bool udp_csum;			/* outer UDP checksum over IPv4, off */
	bool udp6_zero_csum_tx;		/* no UDP checksum over IPv6, off */
	bool udp6_zero_csum_rx;		/* accept IPv6 UDP without, off */
	/* UDP source port range; both 0 (default): the local port range */
	uint16_t sport_min, sport_max;
	bool geneve_port_id;		/* send the port id option, off */
	/*
	 * Limits, 0: none. max_vnis: VNIs of the device; max_fdb: FDB
	 * entries of all its VNIs; max_learned: learned entries of each VNI
	 * without a limit of its own (default NVO_DEFAULT_MAX_LEARNED).
	 */
	uint32_t max_vnis, max_fdb, max_learned;
	bool gbp;			/* VXLAN Group Based Policy, off */
	uint32_t max_conns;		/* connections per tenant, 0: any */
};
int nvo_link_add(struct nvo *h, const char *name, const struct nvo_link_cfg *cfg);
/*
 * Going down is done before the other changes, going up after them; when
 * going up fails (a UDP port taken), the changes are undone.
 */
int nvo_link_set(struct nvo *h, const char *name, const struct nvo_link_cfg *cfg);
int nvo_link_del(struct nvo *h, const char *name);

/*
 * A link as rtnetlink reports it: cfg.set has the bit of every setting the
 * kernel sent (NVO_LINK_UP for the administrative state, cfg.up), so that
 * the cfg can be given back to nvo_link_set() or nvo_link_add(). Both ttl
 * and ttl_inherit are reported, and both tos and tos_inherit.
 */
struct nvo_link_info {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	struct nvo_link_cfg cfg;
};
typedef int (*nvo_link_cb)(const struct nvo_link_info *info, void *arg);
/*
 * name NULL: every nvo link of the namespace, a consistent dump like the
 * others. Else just that link: -ENODEV if there is none, -EINVAL if it is
 * not of kind nvo.
 */
int nvo_link_get(struct nvo *h, const char *name, nvo_link_cb cb, void *arg);

struct nvo_dev_info {
	uint32_t ifindex;
	char ifname[IF_NAMESIZE];
	struct in_addr local;		/* 0.0.0.0: chosen by route */
	struct in6_addr local6;		/* ::, chosen by route */
	/* enum nvo_encap, for VNIs without one (VXLAN if not reported) */
	uint8_t encap;
	uint16_t dstport, geneve_port;	/* VXLAN, GENEVE */
	bool learning, running;
	uint32_t ageing, vni_count, port_count;
	struct nvo_stats stats;
	uint32_t fdb_count;		/* entries of all its VNIs */
	uint32_t max_vnis, max_fdb, max_learned;	/* 0: none */
	/* MACs or neighbours not learned: a limit was reached */
	uint64_t learn_limit;
	uint32_t max_conns;		/* per tenant, 0: none */
	/*
	 * ARP requests and neighbour solicitations from ports: answered from
	 * a neighbour table, and let through for an address not in it.
	 */
	uint64_t neigh_answered, neigh_flooded;
	/* DHCP requests from ports that nvo's server answered */
	uint64_t dhcp_answered;
};
typedef int (*nvo_dev_cb)(const struct nvo_dev_info *info, void *arg);
/* dev NULL: every nvo device of the namespace */
int nvo_dev_get(struct nvo *h, const char *dev, nvo_dev_cb cb, void *arg);

struct nvo_vni_info {
	uint32_t ifindex, vni, port_count, fdb_count, flood_count;
	uint8_t encap;			/* as configured; UNSPEC: the device's */
	uint32_t overhead;		/* bytes: outer headers + inner Ethernet */
	uint32_t mtu;			/* the largest VM MTU; 0: no flood list */
	struct nvo_stats stats;
	uint32_t learned_count;		/* of fdb_count, the learned entries */
	uint32_t max_fdb;		/* 0: none of its own */
	uint32_t max_learned;		/* 0: the device's */
	/* MACs or neighbours not learned: a limit was reached */
	uint64_t learn_limit;
	uint16_t tenant;		/* 0: none */
	uint32_t conn_count;		/* the tenant's connections */
	uint32_t neigh_count;		/* its neighbour table's entries */
	uint8_t neigh_unknown;		/* enum nvo_neigh_unknown */
	bool neigh_learn;
	uint32_t max_neigh;		/* 0: none */
	uint64_t neigh_answered, neigh_flooded;	/* as for a device */
	uint64_t dhcp_answered;			/* as for a device */
};
typedef int (*nvo_vni_cb)(const struct nvo_vni_info *info, void *arg);
/* encap NVO_ENCAP_UNSPEC: the device's encapsulation, whatever it becomes */
int nvo_vni_add(struct nvo *h, const char *dev, uint32_t vni,
		enum nvo_encap encap);
/* Changes the VNI's encapsulation; NVO_ENCAP_UNSPEC: back to the device's. */
int nvo_vni_set(struct nvo *h, const char *dev, uint32_t vni,
		enum nvo_encap encap);
/*
 * The same with every setting of a VNI: only the fields whose bit is in
 * set are sent (the others keep their default or current value), as for
 * struct nvo_link_cfg. NULL sets nothing.
 */
enum nvo_vni_field {
	NVO_VNI_ENCAP		= 1U << 0,
	NVO_VNI_MAX_FDB		= 1U << 1,
	NVO_VNI_MAX_LEARNED	= 1U << 2,
	NVO_VNI_TENANT		= 1U << 3,
	NVO_VNI_NEIGH_UNKNOWN	= 1U << 4,
	NVO_VNI_NEIGH_LEARN	= 1U << 5,
	NVO_VNI_MAX_NEIGH	= 1U << 6,
};
struct nvo_vni_cfg {
	uint32_t set;			/* enum nvo_vni_field */
	uint8_t encap;			/* enum nvo_encap, UNSPEC: the device's */
	uint32_t max_fdb;		/* FDB entries, 0: no limit of its own */
	uint32_t max_learned;		/* learned entries, 0: the device's */
	/*
	 * The tenant the VNI belongs to, 1..65535, also the conntrack zone
	 * of its firewalled ports; 0 with nvo_vni_set_cfg(): none.
	 */
	uint16_t tenant;
	/*
	 * The neighbour table (ARP/ND suppression, <linux/nvo.h>): what
	 * becomes of requests for addresses not in it (enum
	 * nvo_neigh_unknown, default flood: they go on as any frame), whether
	 * it learns from the ports' ARP and ND (off), and how many entries it
	 * may hold, static and learned (0, the default: no limit).
	 */
	uint8_t neigh_unknown;
	bool neigh_learn;
	uint32_t max_neigh;
};
int nvo_vni_add_cfg(struct nvo *h, const char *dev, uint32_t vni,
		    const struct nvo_vni_cfg *cfg);
int nvo_vni_set_cfg(struct nvo *h, const char *dev, uint32_t vni,
		    const struct nvo_vni_cfg *cfg);
int nvo_vni_del(struct nvo *h, const char *dev, uint32_t vni);
int nvo_vni_dump(struct nvo *h, const char *dev, nvo_vni_cb cb, void *arg);
/* Just one VNI (a doit): cb is called once, or the kernel's error. */
int nvo_vni_get(struct nvo *h, const char *dev, uint32_t vni,
		nvo_vni_cb cb, void *arg);

/*
 * A port's security groups fit in a fixed array, whatever <linux/nvo.h>
 * says, as drops[] of struct nvo_stats does, and so do the DNS servers,
 * domain and routes of a DHCP binding.
 */
#define LIBNVO_PORT_SGS		32
#define LIBNVO_DHCP_DNS		8
#define LIBNVO_DHCP_DOMAIN_LEN	256	/* with its NUL; DHCP's own limit */
#define LIBNVO_DHCP_ROUTES	32

/*
 * The DHCP binding of a port (<linux/nvo.h>): nvo's DHCPv4 server gives
 * its VM the address addr/prefix and the options below. addr is always
 * sent; the other fields only if their bit is in set, as for struct
 * nvo_link_cfg: without them, prefix is 24 and lease NVO_DHCP_DEFAULT_LEASE
 * seconds, and the VM gets no gateway, DNS servers, domain, MTU or
 * routes. In a dump, set has the bit of everything the kernel reported
 * (the defaults included).
 */
enum nvo_dhcp_field {
	NVO_DHCP_HAS_PREFIX	= 1U << 0,
	NVO_DHCP_HAS_GW		= 1U << 1,
	NVO_DHCP_HAS_DNS	= 1U << 2,	/* dns and dns_count */
	NVO_DHCP_HAS_DOMAIN	= 1U << 3,
	NVO_DHCP_HAS_MTU	= 1U << 4,
	NVO_DHCP_HAS_LEASE	= 1U << 5,
	NVO_DHCP_HAS_ROUTES	= 1U << 6,	/* routes and route_count */
};
struct nvo_dhcp {
	uint32_t set;			/* enum nvo_dhcp_field */
	struct in_addr addr;		/* a unicast host address of its prefix */
	uint8_t prefix;			/* 1..30 */
	struct in_addr gw;		/* the router: another host of the subnet */
	/* 1..NVO_DHCP_DNS_MAX DNS servers, in the order the VM gets them */
	unsigned int dns_count;
	struct in_addr dns[LIBNVO_DHCP_DNS];
	/* A domain name shorter than NVO_DHCP_DOMAIN_LEN, NUL-terminated */
	char domain[LIBNVO_DHCP_DOMAIN_LEN];
	uint16_t mtu;			/* the VM's interface MTU, 68.. */
	uint32_t lease;			/* seconds, 60.. */
	/*
	 * 1..NVO_DHCP_ROUTES_MAX classless static routes (RFC 3442), dst
	 * with host bits zero, prefix 0..32, via gw; the library zeroes pad.
	 */
	unsigned int route_count;
	struct nvo_dhcp_route routes[LIBNVO_DHCP_ROUTES];
};

struct nvo_port_info {
	uint32_t ifindex, port_ifindex, vni;
	char port_ifname[IF_NAMESIZE];
	uint32_t id;			/* GENEVE port id, 0: none */
	struct nvo_stats stats;
	/* its MACs or neighbours not learned: limit reached */
	uint64_t learn_limit;
	/* The ids of its security groups, in the order they were given. */
	unsigned int sg_count;
	uint16_t sg[LIBNVO_PORT_SGS];
	/*
	 * Port security, on unless turned off (and when the kernel does not
	 * say): with any group, the port is firewalled.
	 */
	bool security;
	/* Its ARP/ND requests, as for a device. */
	uint64_t neigh_answered, neigh_flooded;
	uint64_t dhcp_answered;		/* its DHCP requests, as for a device */
	/* Its DHCP binding, if it has one; last: struct nvo_dhcp may grow. */
	bool has_dhcp;
	struct nvo_dhcp dhcp;
};
typedef int (*nvo_port_cb)(const struct nvo_port_info *info, void *arg);
/* id: what the GENEVE port id option carries for the port's frames, 0: none */
int nvo_port_add(struct nvo *h, const char *dev, const char *port,
		 uint32_t vni, uint32_t id);
int nvo_port_del(struct nvo *h, const char *dev, const char *port);
/* vni < 0: all */
int nvo_port_dump(struct nvo *h, const char *dev, int64_t vni,
		  nvo_port_cb cb, void *arg);
/*
 * The settings of a port, sent only if their bit is in set, as for
 * struct nvo_link_cfg. A port with port security on and at least one
 * group is firewalled, which needs a tenant on its VNI.
 */
enum nvo_port_field {
	NVO_PORT_ID		= 1U << 0,	/* nvo_port_add_cfg() only */
	NVO_PORT_SGS		= 1U << 1,	/* sg and sg_count */
	NVO_PORT_SECURITY	= 1U << 2,
	NVO_PORT_DHCP		= 1U << 3,
};
struct nvo_port_cfg {
	uint32_t set;			/* enum nvo_port_field */
	uint32_t id;			/* as for nvo_port_add() */
	/*
	 * The ids of the port's security groups, groups of its device, at
	 * most NVO_PORT_SG_MAX, without repeats; sg_count 0: none. They
	 * replace the groups the port had.
	 */
	const uint16_t *sg;
	unsigned int sg_count;
	bool security;			/* port security, on by default */
	/*
	 * The port's DHCP binding, replacing the one it had (the whole of
	 * it: fields not in dhcp->set take their defaults); NULL removes it.
	 */
	const struct nvo_dhcp *dhcp;
};
int nvo_port_add_cfg(struct nvo *h, const char *dev, const char *port,
		     uint32_t vni, const struct nvo_port_cfg *cfg);
int nvo_port_set(struct nvo *h, const char *dev, const char *port,
		 const struct nvo_port_cfg *cfg);
/*
 * The name of the nvo device port is attached to, in dev: -ENODEV if
 * there is no such device, -EINVAL if it is not a port of an nvo device.
 */
int nvo_port_master(struct nvo *h, const char *port, char dev[IF_NAMESIZE]);

struct nvo_fdb_info {
	uint32_t ifindex, vni;
	uint8_t mac[6];
	struct nvo_addr remote;		/* valid when port_ifindex == 0 */
	uint32_t port_ifindex;
	char port_ifname[IF_NAMESIZE];
	uint32_t flags;			/* enum nvo_fdb_flags */
	uint32_t age;
	/* A remote entry's security groups (struct nvo_fdb_cfg) */
	unsigned int sg_count;
	uint16_t sg[LIBNVO_PORT_SGS];
};
typedef int (*nvo_fdb_cb)(const struct nvo_fdb_info *info, void *arg);
/* Exactly one of remote (non-NULL) and port (non-NULL) names the destination. */
int nvo_fdb_add(struct nvo *h, const char *dev, uint32_t vni,
		const uint8_t mac[6], const struct nvo_addr *remote,
		const char *port, bool replace);
/* What else an FDB entry may have, as for struct nvo_link_cfg. */
enum nvo_fdb_field {
	NVO_FDB_SGS		= 1U << 0,	/* sg and sg_count */
};
struct nvo_fdb_cfg {
	uint32_t set;			/* enum nvo_fdb_field */
	/*
	 * Remote entries only: the security groups of the port behind the
	 * MAC, for the egress remote-group rules of local ports; ids 1..65535,
	 * at most NVO_PORT_SG_MAX, without repeats, that need not exist on
	 * this device; sg_count 0: none.
	 */
	const uint16_t *sg;
	unsigned int sg_count;
};
int nvo_fdb_add_cfg(struct nvo *h, const char *dev, uint32_t vni,
		    const uint8_t mac[6], const struct nvo_addr *remote,
		    const char *port, bool replace,
		    const struct nvo_fdb_cfg *cfg);
int nvo_fdb_del(struct nvo *h, const char *dev, uint32_t vni,
		const uint8_t mac[6]);
int nvo_fdb_dump(struct nvo *h, const char *dev, int64_t vni,
		 nvo_fdb_cb cb, void *arg);

struct nvo_flood_info {
	uint32_t ifindex, vni;
	struct nvo_addr remote;
};
typedef int (*nvo_flood_cb)(const struct nvo_flood_info *info, void *arg);
int nvo_flood_add(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *remote);
int nvo_flood_del(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *remote);
int nvo_flood_dump(struct nvo *h, const char *dev, int64_t vni,
		   nvo_flood_cb cb, void *arg);

/*
 * Neighbour tables: per VNI, the tenant addresses whose ARP requests and
 * neighbour solicitations nvo answers itself (<linux/nvo.h>). ip is the
 * tenant's address, IPv4 or IPv6; a learned entry has its age and the port
 * it was learned on.
 */
struct nvo_neigh_info {
	uint32_t ifindex, vni;
	struct nvo_addr ip;
	uint8_t mac[6];
	uint32_t flags;			/* enum nvo_neigh_flags */
	uint32_t age;			/* learned: seconds since refreshed */
	uint32_t port_ifindex;		/* learned: the port; else 0 */
	char port_ifname[IF_NAMESIZE];
};
typedef int (*nvo_neigh_cb)(const struct nvo_neigh_info *info, void *arg);
/*
 * Without replace, an existing static entry for ip is an error (EEXIST);
 * a learned one is always replaced.
 */
int nvo_neigh_add(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *ip, const uint8_t mac[6],
		  bool replace);
/*
 * With flags: NVO_NEIGH_F_ROUTER (the address is a router's: the IPv6
 * neighbour advertisements nvo answers for it say so), or 0.
 */
int nvo_neigh_add_flags(struct nvo *h, const char *dev, uint32_t vni,
			const struct nvo_addr *ip, const uint8_t mac[6],
			bool replace, uint32_t flags);
int nvo_neigh_del(struct nvo *h, const char *dev, uint32_t vni,
		  const struct nvo_addr *ip);
/* vni < 0: the entries of every VNI */
int nvo_neigh_dump(struct nvo *h, const char *dev, int64_t vni,
		   nvo_neigh_cb cb, void *arg);

/*
 * Tenant routers (<linux/nvo.h>): a router routes between the VNIs of one
 * tenant, on every host that has it, as their anycast gateway. It has an
 * id of its device, 1.., an interface on each VNI it routes for, and
 * routes: each interface's subnets (connected) and static ones.
 */
struct nvo_router_info {
	uint32_t ifindex, id;
	uint16_t tenant;
	uint32_t rif_count;		/* its interfaces */
	uint32_t route_count;		/* its routes, connected included */
};
typedef int (*nvo_router_cb)(const struct nvo_router_info *info, void *arg);
/* tenant: the tenant of the VNIs its interfaces may be on */
int nvo_router_add(struct nvo *h, const char *dev, uint32_t id,
		   uint16_t tenant);
/* The router goes with its interfaces and routes. */
int nvo_router_del(struct nvo *h, const char *dev, uint32_t id);
int nvo_router_dump(struct nvo *h, const char *dev, nvo_router_cb cb,
		    void *arg);

/*
 * A router's interface on a VNI of its tenant, one per VNI: the router's
 * unicast MAC there and its gateway addresses, at least one, IPv4 and/or
 * IPv6, each a host address of its prefix, which becomes a connected
 * route. Only the fields whose bit is in set are sent, as for struct
 * nvo_link_cfg: an address without its prefix has the kernel's default
 * (/24, /64), while a prefix given is sent as it is, 0 included. In a
 * dump, set has the bit of everything the kernel reported.
 */
enum nvo_rif_field {
	NVO_RIF_HAS_IP4		= 1U << 0,
	NVO_RIF_HAS_PREFIX4	= 1U << 1,	/* with NVO_RIF_HAS_IP4 */
	NVO_RIF_HAS_IP6		= 1U << 2,
	NVO_RIF_HAS_PREFIX6	= 1U << 3,	/* with NVO_RIF_HAS_IP6 */
};
struct nvo_rif {
	uint32_t set;			/* enum nvo_rif_field */
	uint32_t router, vni;
	uint8_t mac[6];
	struct in_addr ip4;
	uint8_t prefix4;		/* 1..30 */
	struct in6_addr ip6;
	uint8_t prefix6;		/* 1..126 */
};
/* The interface is last: struct nvo_rif may grow. */
struct nvo_rif_info {
	uint32_t ifindex;
	struct nvo_rif rif;
};
typedef int (*nvo_rif_cb)(const struct nvo_rif_info *info, void *arg);
int nvo_rif_add(struct nvo *h, const char *dev, const struct nvo_rif *rif);
/* Refused while a static route's next hop is on it. */
int nvo_rif_del(struct nvo *h, const char *dev, uint32_t router,
		uint32_t vni);
/* The interfaces of all the device's routers */
int nvo_rif_dump(struct nvo *h, const char *dev, nvo_rif_cb cb, void *arg);

/*
 * The routes of a router, to dst/prefix (host bits zero; prefix 0: the
 * default route of dst's family): the connected ones of its interfaces,
 * and static ones via a next hop of the same family on the subnet of one
 * of its interfaces.
 */
struct nvo_route_info {
	uint32_t ifindex, router;
	struct nvo_addr dst;
	uint8_t prefix;
	bool connected;
	uint32_t vni;			/* connected: its interface's */
	struct nvo_addr via;		/* static: the next hop */
};
typedef int (*nvo_route_cb)(const struct nvo_route_info *info, void *arg);
/*
 * Static routes. Without replace, a prefix the router has, a connected one
 * included, is an error (EEXIST); with it, a static route is replaced
 * (created if absent), a connected one never.
 */
int nvo_route_add(struct nvo *h, const char *dev, uint32_t router,
		  const struct nvo_addr *dst, uint8_t prefix,
		  const struct nvo_addr *via, bool replace);
int nvo_route_del(struct nvo *h, const char *dev, uint32_t router,
		  const struct nvo_addr *dst, uint8_t prefix);
/* router < 0: the routes of every router */
int nvo_route_dump(struct nvo *h, const char *dev, int64_t router,
		   nvo_route_cb cb, void *arg);

/*
 * Security groups of a device, with ids 1..65535 and names shorter than
 * NVO_SG_NAME_LEN, "" for none. <linux/nvo.h> tells how their rules
 * filter the traffic of the ports that have them.
 */
#define LIBNVO_SG_NAME_LEN	32
struct nvo_sg_info {
	uint32_t ifindex;
	uint16_t id;
	char name[LIBNVO_SG_NAME_LEN];
	uint32_t rule_count, port_count;
};
typedef int (*nvo_sg_cb)(const struct nvo_sg_info *info, void *arg);
/* name NULL: none */
int nvo_sg_add(struct nvo *h, const char *dev, uint16_t id, const char *name);
/* The same with NVO_F_REPLACE: an existing group only takes the new name. */
int nvo_sg_set(struct nvo *h, const char *dev, uint16_t id, const char *name);
int nvo_sg_del(struct nvo *h, const char *dev, uint16_t id);
/*
 * The device's established connections are held against the rules again,
 * each at its next packet; those the rules no longer allow are dropped.
 */
int nvo_conn_flush(struct nvo *h, const char *dev);
/* Just one group (a doit): cb is called once, or the kernel's error. */
int nvo_sg_get(struct nvo *h, const char *dev, uint16_t id,
	       nvo_sg_cb cb, void *arg);
int nvo_sg_dump(struct nvo *h, const char *dev, nvo_sg_cb cb, void *arg);

/*
 * A rule of a security group. sg, dir and ethertype are always sent; the
 * other fields only if their bit is in set, as for struct nvo_link_cfg.
 * In a dump, set has the bit of everything the kernel reported.
 */
enum nvo_rule_field {
	NVO_RULE_HAS_ID		= 1U << 0,
	NVO_RULE_HAS_PROTO	= 1U << 1,
	NVO_RULE_HAS_PORTS	= 1U << 2,	/* port_min and port_max */
	NVO_RULE_HAS_ICMP_TYPE	= 1U << 3,
	NVO_RULE_HAS_ICMP_CODE	= 1U << 4,
	NVO_RULE_HAS_REMOTE	= 1U << 5,	/* remote and prefix */
	NVO_RULE_HAS_REMOTE_SG	= 1U << 6,
};
struct nvo_rule {
	uint32_t set;			/* enum nvo_rule_field */
	uint16_t sg;			/* the group's id */
	uint32_t id;			/* 1..; none: the group's highest + 1 */
	uint8_t dir;			/* enum nvo_rule_dir */
	uint16_t ethertype;		/* ETH_P_IP or ETH_P_IPV6, host order */
	uint8_t proto;			/* IP protocol, 0 (the default): any */
	/* Destination ports, for TCP, UDP, UDP-Lite, SCTP and DCCP. */
	uint16_t port_min, port_max;
	/* For ICMP with IPv4, ICMPv6 with IPv6; a code needs a type. */
	uint8_t icmp_type, icmp_code;
	/*
	 * The other end, source of ingress and destination of egress
	 * traffic: addresses of a prefix of the rule's ethertype (host bits
	 * zero), or the ports of group remote_sg; none: anywhere.
	 */
	struct nvo_addr remote;
	uint8_t prefix;
	uint16_t remote_sg;
};
/* The rule is last: struct nvo_rule may grow. */
struct nvo_rule_info {
	uint32_t ifindex;
	uint64_t hits;			/* first packets the rule allowed */
	struct nvo_rule rule;		/* last: it may grow */
};
typedef int (*nvo_rule_cb)(const struct nvo_rule_info *info, void *arg);
int nvo_rule_add(struct nvo *h, const char *dev, const struct nvo_rule *rule);
int nvo_rule_del(struct nvo *h, const char *dev, uint16_t sg, uint32_t id);
/* sg < 0: the rules of every group */
int nvo_rule_dump(struct nvo *h, const char *dev, int32_t sg,
		  nvo_rule_cb cb, void *arg);

/*
 * ACLs: per VNI, the operator's stateless guard rails, held against every
 * IPv4 and IPv6 frame of the VNI's ports before the security groups, lowest
 * prio first; the first entry that matches decides (<linux/nvo.h>).
 * vni, prio and action are always sent; dir and ethertype when not 0; the
 * other fields only if their bit is in set, as for struct nvo_link_cfg.
 * In a dump, set has the bit of everything the kernel reported, and dir
 * and ethertype are 0 when it reported none.
 */
enum nvo_acl_field {
	NVO_ACL_HAS_PROTO	= 1U << 0,
	NVO_ACL_HAS_PORTS	= 1U << 1,	/* port_min and port_max */
	NVO_ACL_HAS_SRC		= 1U << 2,	/* src and src_prefix */
	NVO_ACL_HAS_DST		= 1U << 3,	/* dst and dst_prefix */
};
struct nvo_acl {
	uint32_t set;			/* enum nvo_acl_field */
	uint32_t vni;
	uint32_t prio;			/* lowest first, unique in the VNI */
	uint8_t action;			/* enum nvo_acl_action */
	uint8_t dir;			/* enum nvo_rule_dir, 0: both */
	/* ETH_P_IP or ETH_P_IPV6, host order; 0: both */
	uint16_t ethertype;
	uint8_t proto;			/* IP protocol, 0 (the default): any */
	/* Destination ports, for TCP, UDP, UDP-Lite, SCTP and DCCP. */
	uint16_t port_min, port_max;
	/*
	 * Source and destination prefixes, of the family of ethertype (which
	 * must then be set), host bits zero; none: anywhere.
	 */
	struct nvo_addr src;
	uint8_t src_prefix;
	struct nvo_addr dst;
	uint8_t dst_prefix;
};
/* The entry is last: struct nvo_acl may grow. */
struct nvo_acl_info {
	uint32_t ifindex;
	uint64_t hits;			/* frames the entry decided */
	struct nvo_acl acl;
};
typedef int (*nvo_acl_cb)(const struct nvo_acl_info *info, void *arg);
int nvo_acl_add(struct nvo *h, const char *dev, const struct nvo_acl *acl);
int nvo_acl_del(struct nvo *h, const char *dev, uint32_t vni, uint32_t prio);
/* vni < 0: the entries of every VNI */
int nvo_acl_dump(struct nvo *h, const char *dev, int64_t vni,
		 nvo_acl_cb cb, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* LIBNVO_H */
