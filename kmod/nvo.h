/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvo: internal objects shared by the module's files.
 *
 * Locking: every configuration change runs under RTNL (taken by the
 * netlink pre_doit or by rtnetlink itself). The packet path only reads,
 * under RCU: VNIs and ports live in xarrays, FDB entries in a per-VNI
 * rhashtable, flood lists in RCU-replaced arrays. Learning inserts into
 * the FDB from the packet path; rhashtable makes that safe against the
 * configuration path, and every remove/replace is done by exactly one
 * winner, which alone frees the old entry.
 */
#ifndef _NVO_H
#define _NVO_H

#include <linux/etherdevice.h>
#include <linux/in6.h>
#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/rtnetlink.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/dst_cache.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <uapi/linux/nvo.h>

#define NVO_FLOOD_MAX		1024

struct nvo_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__NVO_DROP_MAX];
	u64_stats_t learn_limit;
	u64_stats_t neigh_answered, neigh_flooded;
	u64_stats_t dhcp_answered;
	struct u64_stats_sync syncp;
};

/* What a struct nvo_stats sums to over the CPUs. */
struct nvo_counters {
	struct rtnl_link_stats64 s;
	u64 drops[__NVO_DROP_MAX];
	u64 learn_limit;
	u64 neigh_answered, neigh_flooded;
	u64 dhcp_answered;
};

/* A remote VTEP. */
struct nvo_addr {
	union {
		__be32 ip4;
		struct in6_addr ip6;
	};
	sa_family_t family;		/* AF_INET or AF_INET6 */
};

static inline bool nvo_addr_equal(const struct nvo_addr *a,
				  const struct nvo_addr *b)
{
	if (a->family != b->family)
		return false;
	return a->family == AF_INET ? a->ip4 == b->ip4 :
	       ipv6_addr_equal(&a->ip6, &b->ip6);
}

/* Is @x in @a/@prefix? An @a of family 0 holds every address. */
static inline bool nvo_cidr_match(const struct nvo_addr *a, u8 prefix,
				  const union nf_inet_addr *x)
{
	if (!a->family)
		return true;
	if (a->family == AF_INET)
		return !((x->ip ^ a->ip4) & inet_make_mask(prefix));
	return ipv6_prefix_equal(&x->in6, &a->ip6, prefix);
}

/* The protocols whose second 16 bits are the destination port. */
static inline bool nvo_proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_UDPLITE || proto == IPPROTO_SCTP ||
	       proto == IPPROTO_DCCP;
}

/* Written under RTNL; the packet path reads single fields with READ_ONCE,
 * and a frame may see an old and a new value of two different fields.
 */
struct nvo_cfg {
	__be32 local_ip;
	struct in6_addr local_ip6;
	__be16 dst_port;		/* VXLAN */
	__be16 geneve_port;
	u16 sport_min, sport_max;
	u8 encap;			/* enum nvo_encap, for VNIs without one */
	u8 ttl, tos;
	bool ttl_inherit, tos_inherit;
	bool udp_csum, udp6_zero_tx, udp6_zero_rx;
	bool geneve_port_id;
	bool gbp;			/* VXLAN Group Based Policy */
	bool learning;
	u32 ageing;			/* seconds */
	/* Limits, 0: none. A VM flooding random source MACs, or a runaway
	 * controller, must not exhaust the host's memory.
	 */
	u32 max_vnis, max_fdb;
	u32 max_learned;		/* per VNI, unless the VNI has its own */
	u32 max_conns;			/* per tenant */
};

/* The remote and outer TOS the route of a CPU's dst_cache slot is for. */
struct nvo_route_key {
	struct nvo_addr remote;
	u8 tos;
};

struct nvo_dev {
	struct net_device *dev;
	struct list_head list;		/* in nvo_net::devs, under RTNL */
	struct nvo_cfg cfg;
	/* Open while the device is up: [encap - 1][AF_INET6?] */
	struct socket __rcu *sock[NVO_ENCAP_MAX][2];
	struct xarray vnis;		/* VNI -> struct nvo_vni */
	struct xarray ports;		/* port ifindex -> struct nvo_port */
	unsigned int nvnis, nports;
	atomic_t fdb_count;		/* entries of all VNIs, see fdb.c */
	atomic_t gen;			/* dump consistency, never 0 */
	struct nvo_stats __percpu *stats;
	/* The last underlay route each CPU used: a train of frames to one
	 * VTEP looks its route up once.
	 */
	struct dst_cache dst_cache;
	struct nvo_route_key __percpu *route_key;
	struct delayed_work ageing_work;
	struct xarray sgs;		/* security group id -> struct nvo_sg */
	unsigned int nsgs;
	/* Connections marked with another generation are checked again. */
	u32 fw_gen;
	struct xarray tenants;		/* tenant id -> struct nvo_tenant */
	struct xarray routers;		/* router id -> struct nvo_router */
	unsigned long ra_last;		/* jiffies: the last unsolicited RAs */
	/* Table walks that remove (ageing, a port's flush), one at a time:
	 * see nvo_table_prune().
	 */
	struct mutex prune_lock;
};

struct nvo_flood {
	struct rcu_head rcu;
	unsigned int n;
	struct nvo_addr remote[];
};

struct nvo_vni {
	u32 vni;
	u8 encap;			/* enum nvo_encap; UNSPEC: the device's */
	refcount_t refs;		/* the device's, plus running dumps */
	struct nvo_dev *nvo;		/* not to be used once out of nvo->vnis */
	struct rhashtable fdb;
	atomic_t fdb_count;		/* < 0 once out of the device */
	atomic_t fdb_learned;
	u32 max_fdb;			/* 0: none */
	u32 max_learned;		/* 0: the device's */
	struct list_head ports;		/* RCU; written under RTNL */
	unsigned int nports;
	struct nvo_flood __rcu *flood;
	struct nvo_stats __percpu *stats;
	struct nvo_tenant __rcu *tn;	/* while it has one */
	struct nvo_acl_list __rcu *acl;	/* NULL: no entries */
	struct rhashtable neigh;	/* tenant IP -> MAC */
	atomic_t neigh_count, neigh_learned;
	u32 max_neigh;			/* 0: none */
	u8 neigh_unknown;		/* enum nvo_neigh_unknown */
	bool neigh_learn;
	struct nvo_rif __rcu *rif;	/* its router interface, if any */
	atomic_t gen;			/* of its tables' entries, for dumps */
	struct rcu_work free_work;
};

struct nvo_port {
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct nvo_dev *nvo;
	struct nvo_vni *vni;
	u32 id;				/* identity sent in the GENEVE option */
	bool security;			/* port security: on by default */
	bool fw;			/* security on and in a group */
	struct nvo_sgset __rcu *sgs;	/* its security groups, or NULL */
	struct nvo_dhcp __rcu *dhcp;	/* its DHCP binding, or NULL */
	struct list_head vni_node;
	struct nvo_stats __percpu *stats;
	struct rcu_head rcu;
};

struct nvo_tenant {
	u16 id;
	unsigned int nvnis;		/* VNIs that name it, RTNL */
	struct nf_conn *tmpl;		/* carries its conntrack zone */
	spinlock_t lock;		/* the connections below */
	struct list_head conns;
	unsigned int count;
	unsigned long last_gc;
	struct rcu_work free_work;
};

struct nvo_sgset {
	struct rcu_head rcu;
	unsigned int n;
	u16 ids[NVO_PORT_SG_MAX];
};

/* Where the packet path finds a rule: by what it matches exactly (its
 * protocol and a prefix of the destination port, its remote prefix length
 * and the remote prefix).
 */
struct nvo_rule_ikey {
	u32 pp;				/* nvo_rule_pp() */
	u8 plen;			/* or NVO_RULE_NO_CIDR, NVO_RULE_SG */
	u8 pad[3];
	__be32 net[4];			/* the remote prefix, host bits clear,
					 * or the remote group
					 */
};

/* The index's "lengths": a remote prefix length, none, or a remote
 * group (its id in net[0]).
 */
#define NVO_RULE_NO_CIDR	129
#define NVO_RULE_SG		130
#define NVO_RULE_PLENS		(NVO_RULE_SG + 1)

/* Protocol and port classes: 0 to 16, one protocol and the top bits of
 * the destination port (ICMP: type << 8 | code) fixed, so that a range
 * is a few aligned blocks, each found by one lookup (0: any port, 16:
 * one port); or any protocol.
 */
#define NVO_RULE_PP_ANY		17
#define NVO_RULE_PP_CLASSES	(NVO_RULE_PP_ANY + 1)
/* A port range splits into at most 2 * 16 - 2 blocks. */
#define NVO_RULE_ENTS_MAX	30

static inline u16 nvo_rule_port_mask(u8 class)
{
	return class && class <= 16 ? (u16)(0xffff << (16 - class)) : 0;
}

static inline u32 nvo_rule_pp(u8 class, u8 proto, u16 port)
{
	return (u32)class << 24 | (u32)proto << 16 |
	       (port & nvo_rule_port_mask(class));
}

/* 1 for ICMP and ICMPv6, 0 for other protocols: which classes[] of a
 * rule set a rule or packet of @proto is in.
 */
static inline unsigned int nvo_rule_icmp(u8 proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;
}

/* One block of a rule in the index. */
struct nvo_rule_ent {
	struct rhlist_head hnode;
	struct nvo_rule_ikey ikey;
	struct nvo_rule *rule;
};

struct nvo_rule {
	struct list_head node;		/* all the group's rules, RTNL */
	u32 id;
	u8 dir;				/* enum nvo_rule_dir */
	u8 proto;			/* 0: any */
	u16 ethertype;
	bool has_ports;
	u16 port_min, port_max;
	s16 icmp_type, icmp_code;	/* -1: any */
	struct nvo_addr remote;		/* family 0: none */
	u8 prefix;
	u16 remote_sg;			/* 0: none */
	atomic64_t hits;		/* first packets it allowed */
	struct rcu_head rcu;
	u8 nents;
	struct nvo_rule_ent ents[];
};

/* The rules of one direction and family, as the packet path reads them: a
 * new connection costs an index lookup per remote prefix length and class
 * in use, however many rules there are.
 */
struct nvo_rule_set {
	struct rhltable idx;
	DECLARE_BITMAP(plens, NVO_RULE_PLENS);	/* lengths in the index */
	/* Bit per class in the index, for packets of port protocols and
	 * the rest [0] and for ICMP [1] (nvo_rule_icmp()): neither probes
	 * the other's port or type blocks.
	 */
	u32 classes[2];
	u32 nplen[NVO_RULE_PLENS];	/* entries per length, RTNL */
	u32 nclass[2][NVO_RULE_PP_CLASSES];	/* entries, RTNL */
};

struct nvo_sg {
	u16 id;
	char name[NVO_SG_NAME_LEN];
	struct list_head rules;		/* all of them, in the order added */
	struct xarray ids;		/* the same, by id */
	u32 max_id;			/* or above it, when stale */
	bool max_id_stale;
	struct nvo_rule_set sets[NVO_RULE_DIR_MAX][2];	/* [dir - 1][IPv6?] */
	unsigned int nrules;
	unsigned int nports;		/* ports that have the group */
	struct rcu_work free_work;
};

extern const struct rhashtable_params nvo_rule_params;

/* The index key of remote address @a (of family @v6) at prefix @plen. */
static inline void nvo_rule_ikey_net(struct nvo_rule_ikey *k, bool v6,
				     const void *a, u8 plen)
{
	memset(k->net, 0, sizeof(k->net));
	k->plen = plen;
	if (plen == NVO_RULE_NO_CIDR || plen == NVO_RULE_SG)
		return;
	if (!v6)
		k->net[0] = *(const __be32 *)a & inet_make_mask(plen);
	else
		ipv6_addr_prefix((struct in6_addr *)k->net, a, plen);
}

struct nvo_fdb {
	struct rhash_head node;
	u8 mac[ETH_ALEN];
	u8 flags;			/* enum nvo_fdb_flags */
	struct nvo_port *port;		/* local destination, or NULL */
	struct nvo_addr remote;		/* remote VTEP when !port */
	unsigned long updated;		/* jiffies of the last learn */
	struct rcu_head rcu;
	/* A remote entry's groups, as the controller gave them: those of
	 * the port behind the MAC, for egress remote-group rules.
	 */
	u8 nsg;
	u16 sgs[];
};

/* A tenant address: IPv4 as ::ffff:a.b.c.d, so one key fits both. */
struct nvo_neigh {
	struct rhash_head node;
	struct in6_addr ip;
	u8 mac[ETH_ALEN];
	u8 flags;			/* enum nvo_neigh_flags */
	struct nvo_port *port;		/* learned on, or NULL */
	unsigned long updated;		/* jiffies of the last learn */
	struct rcu_head rcu;
};

/* A router's interface on one VNI: the anycast gateway. */
struct nvo_rif {
	struct nvo_router *router;
	struct nvo_vni *vni;
	u8 mac[ETH_ALEN];
	bool has4, has6;
	__be32 ip4;
	u8 plen4, plen6;
	struct in6_addr ip6;
	struct in6_addr ll6;		/* link-local, from the MAC (EUI-64) */
	struct list_head node;		/* in its router's rifs, RTNL */
	struct rcu_head rcu;
};

/* An IPv4 prefix is kept as its v4-mapped IPv6 one (length + 96), so that
 * one table and one walk serve both families.
 */
struct nvo_prefix {
	struct in6_addr addr;
	u8 plen;
};

#define NVO_PREFIX_KEY_LEN	offsetofend(struct nvo_prefix, plen)
#define NVO_PLEN_MAX		128

enum nvo_route_type {
	NVO_ROUTE_CONNECTED,		/* a subnet of an interface */
	NVO_ROUTE_LOCAL,		/* an interface's own address */
	NVO_ROUTE_STATIC,		/* via a next hop */
};

struct nvo_route {
	struct rhash_head node;
	struct nvo_prefix key;
	u8 type;			/* enum nvo_route_type */
	struct nvo_rif *rif;		/* connected and local */
	struct in6_addr via;		/* static */
	struct rcu_head rcu;
};

struct nvo_router {
	u32 id;
	u16 tenant;
	refcount_t refs;		/* the device's, plus running dumps */
	struct list_head rifs;		/* RTNL */
	unsigned int nrifs, nroutes;	/* nroutes: connected and static */
	/* Longest-prefix match: a hash table of prefixes, probed for each
	 * length some route has, longest first: a lookup costs one probe
	 * per distinct length, however many routes there are.
	 */
	struct rhashtable routes;
	DECLARE_BITMAP(plens, NVO_PLEN_MAX + 1);
	u32 plen_count[NVO_PLEN_MAX + 1];	/* RTNL */
	struct ratelimit_state icmp_rl;	/* the ICMP errors it sends */
	struct rcu_work free_work;
};

extern struct workqueue_struct *nvo_wq;
extern const struct rhashtable_params nvo_neigh_params;
extern const struct rhashtable_params nvo_fdb_params;

/* device.c */
extern struct rtnl_link_ops nvo_link_ops;
int nvo_device_init(void);
void nvo_device_exit(void);
static inline bool nvo_is_nvo(const struct net_device *dev)
{
	return dev->rtnl_link_ops == &nvo_link_ops;
}

static inline void nvo_changed(struct nvo_dev *nvo)
{
	if (unlikely(atomic_inc_return(&nvo->gen) == 0))
		atomic_inc(&nvo->gen);
}

/* An entry of @vni's FDB or neighbour table changed: a dump of that
 * table is flagged, dumps of the device's other objects are not.
 */
static inline void nvo_vni_changed(struct nvo_vni *vni)
{
	atomic_inc(&vni->gen);
}

/* stats.c */
struct nvo_stats __percpu *nvo_stats_alloc(void);
void nvo_drop(struct nvo_dev *nvo, struct nvo_vni *vni,
	      struct nvo_port *port, struct sk_buff *skb, enum nvo_drop why);
void nvo_learn_limited(struct nvo_vni *vni, struct nvo_port *port);
void nvo_neigh_counted(struct nvo_port *port, bool answered);
void nvo_dhcp_counted(struct nvo_port *port);
void nvo_stats_sum(const struct nvo_stats __percpu *stats,
		   struct nvo_counters *c);
void nvo_dev_stats(struct nvo_dev *nvo, struct nvo_counters *c);
int nvo_stats_fill(struct sk_buff *msg, const struct nvo_counters *c);
int nvo_stats_put(struct sk_buff *msg, const struct nvo_stats __percpu *stats);

static inline void nvo_count(struct nvo_stats __percpu *stats, bool tx,
			     unsigned int len)
{
	struct nvo_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	if (tx) {
		u64_stats_inc(&s->tx_packets);
		u64_stats_add(&s->tx_bytes, len);
	} else {
		u64_stats_inc(&s->rx_packets);
		u64_stats_add(&s->rx_bytes, len);
	}
	u64_stats_update_end(&s->syncp);
}

/* vni.c */
struct nvo_vni *nvo_vni_get(struct nvo_dev *nvo, u32 vni);
struct nvo_vni *nvo_vni_get_next(struct nvo_dev *nvo, unsigned long *id);
void nvo_vni_put(struct nvo_vni *vni);
void nvo_vni_flush(struct nvo_dev *nvo);
static inline struct nvo_vni *nvo_vni_lookup(struct nvo_dev *nvo, u32 vni)
{
	return xa_load(&nvo->vnis, vni);
}

/* port.c */
int nvo_port_init(void);
void nvo_port_exit(void);
void nvo_port_detach_all(struct nvo_dev *nvo);
void nvo_port_deliver(struct nvo_port *port, struct sk_buff *skb);

/* fdb.c */
int nvo_fdb_init(struct nvo_vni *vni);
void nvo_fdb_destroy(struct nvo_vni *vni);
void nvo_fdb_learn(struct nvo_vni *vni, const u8 *mac, struct nvo_port *port);
void nvo_fdb_detach(struct nvo_vni *vni);
void nvo_fdb_flush_port(struct nvo_port *port);
void nvo_fdb_age(struct nvo_vni *vni, unsigned long timeout);
static inline struct nvo_fdb *nvo_fdb_lookup(struct nvo_vni *vni,
					     const u8 *mac)
{
	return rhashtable_lookup(&vni->fdb, mac, nvo_fdb_params);
}

/* table.c */
unsigned int nvo_table_prune(struct nvo_vni *vni, struct rhashtable *ht,
			     bool (*match)(const void *obj, const void *arg),
			     int (*remove)(struct nvo_vni *vni, void *obj),
			     const void *arg);
void nvo_tables_age(struct nvo_dev *nvo);

/* neigh.c */
int nvo_neigh_init(struct nvo_vni *vni);
void nvo_neigh_destroy(struct nvo_vni *vni);
void nvo_neigh_learn(struct nvo_vni *vni, const struct in6_addr *ip,
		     const u8 *mac, struct nvo_port *port, int router);
void nvo_neigh_flush_port(struct nvo_port *port);
void nvo_neigh_age(struct nvo_vni *vni, unsigned long timeout);
static inline struct nvo_neigh *nvo_neigh_lookup(struct nvo_vni *vni,
						 const struct in6_addr *ip)
{
	return rhashtable_lookup(&vni->neigh, ip, nvo_neigh_params);
}

/* arpnd.c */
bool nvo_arpnd_rx(struct nvo_port *in, struct sk_buff *skb);
void nvo_arpnd_answer(struct nvo_port *in, struct sk_buff *skb,
		      struct sk_buff *reply);
struct sk_buff *nvo_na_create(struct net_device *dev,
			      const struct in6_addr *daddr,
			      const struct in6_addr *target, const u8 *mac,
			      const u8 *to, bool router);

/* dhcp.c */
struct nvo_dhcp;
bool nvo_dhcp_rx(struct nvo_port *in, struct sk_buff *skb);
const u8 *nvo_dhcp_server_mac(const struct nvo_port *in, __be32 ip);
int nvo_dhcp_prepare(struct genl_info *info, struct nvo_dhcp **bp,
		     bool *given);
void nvo_dhcp_commit(struct nvo_port *port, struct nvo_dhcp *b);
void nvo_dhcp_free(struct nvo_port *port);
int nvo_dhcp_fill(struct sk_buff *msg, const struct nvo_port *port);

/* ra.c */
extern const u8 nvo_all_nodes_mac[ETH_ALEN];	/* of ff02::1 */
bool nvo_ra_answer(struct nvo_port *in, const struct nvo_rif *rif,
		   struct sk_buff *skb);
void nvo_ra_periodic(struct nvo_dev *nvo);
static inline bool nvo_rif_has_ip6(const struct nvo_rif *rif,
				   const struct in6_addr *ip)
{
	return rif->has6 && (ipv6_addr_equal(ip, &rif->ip6) ||
			     ipv6_addr_equal(ip, &rif->ll6));
}

/* router.c */
void nvo_router_flush(struct nvo_dev *nvo);
void nvo_router_put(struct nvo_router *r);
struct nvo_router *nvo_router_get_next(struct nvo_dev *nvo, unsigned long *id);

/* route.c */
int nvo_routes_init(struct nvo_router *r);
void nvo_routes_destroy(struct nvo_router *r);
int nvo_route_connect(struct nvo_rif *rif);
void nvo_route_disconnect(struct nvo_rif *rif);
bool nvo_route_via_on(struct nvo_router *r, const struct nvo_rif *rif);
bool nvo_route_taken(struct nvo_router *r, const struct nvo_rif *rif);
struct nvo_route *nvo_route_lookup(struct nvo_router *r,
				   const struct in6_addr *dst);

/* l3.c */
const struct nvo_fdb *nvo_l3_hop_fdb(const struct nvo_rif *rif,
				     const struct in6_addr *ip);
void nvo_l3_from_port(struct nvo_port *in, struct nvo_rif *rif,
		      struct sk_buff *skb);

/* flood.c */
void nvo_flood_free(struct nvo_vni *vni);
bool nvo_flood_has(struct nvo_vni *vni, const struct nvo_addr *remote);

/* acl.c */
struct nvo_acl_list;
bool nvo_acl_pass(struct nvo_vni *vni, struct nvo_port *port, u8 dir,
		  struct sk_buff *skb);
void nvo_acl_free(struct nvo_vni *vni);

/* tenant.c */
struct nvo_tenant *nvo_tenant_get(struct nvo_dev *nvo, u16 id);
void nvo_tenant_put(struct nvo_dev *nvo, struct nvo_tenant *tn);
bool nvo_tenant_charge(struct nvo_tenant *tn, struct sk_buff *skb,
		       struct nf_conn *ct, u32 limit, unsigned int *verdict);
void nvo_tenant_gc_all(struct nvo_dev *nvo);

/* sg.c */
struct nvo_port_sec {
	struct nvo_sgset *set;		/* the new groups, when given */
	bool given;
	bool security;
};

void nvo_sg_flush(struct nvo_dev *nvo);
int nvo_sg_ids_get(struct nvo_dev *nvo, const struct nlattr *attr,
		   struct netlink_ext_ack *extack, const u16 **ids,
		   unsigned int *n);
int nvo_port_sec_prepare(struct nvo_dev *nvo, struct nvo_vni *vni,
			 const struct nvo_port *port, struct genl_info *info,
			 struct nvo_port_sec *ps);
void nvo_port_sec_commit(struct nvo_port *port, struct nvo_port_sec *ps);
void nvo_sg_port_release(struct nvo_port *port);
void nvo_vni_tenant_release(struct nvo_vni *vni);
int nvo_vni_tenant_prepare(struct nvo_dev *nvo, struct nvo_vni *vni,
			   struct genl_info *info, struct nvo_tenant **tn);
void nvo_vni_tenant_abort(struct nvo_dev *nvo, struct nvo_tenant *tn);
void nvo_vni_tenant_commit(struct nvo_vni *vni, struct genl_info *info,
			   struct nvo_tenant *tn);

/* fw.c */
bool nvo_fw_egress(struct nvo_port *in, const struct nvo_fdb *f,
		   struct sk_buff *skb);
bool nvo_fw_ingress(struct nvo_port *to, struct nvo_port *from,
		    struct sk_buff *skb);
void nvo_fw_rx_id_settle(struct nvo_vni *vni, struct sk_buff *skb);
bool nvo_fw_confirm(struct nvo_port *blame, struct nvo_vni *vni,
		    struct sk_buff *skb);

/* switch.c */
void nvo_switch_from_port(struct nvo_port *in, struct sk_buff *skb);
void nvo_switch_from_tunnel(struct nvo_vni *vni, struct sk_buff *skb);
void nvo_switch_routed(struct nvo_vni *vni, struct nvo_port *in,
		       struct nvo_fdb *f, struct sk_buff *skb);

/* tunnel.c */
int nvo_tunnel_open(struct nvo_dev *nvo);
void nvo_tunnel_close(struct nvo_dev *nvo);
bool nvo_tunnel_running(struct nvo_dev *nvo);
void nvo_tunnel_xmit(struct nvo_dev *nvo, struct nvo_vni *vni,
		     struct nvo_port *in, struct sk_buff *skb,
		     const struct nvo_addr *remote);
void nvo_tunnel_rcv(struct nvo_dev *nvo, struct nvo_vni *vni,
		    struct sk_buff *skb, unsigned int hlen);
u32 nvo_tunnel_overhead(struct nvo_dev *nvo, struct nvo_vni *vni,
			sa_family_t family);
void nvo_tunnel_mtu(struct nvo_dev *nvo, struct nvo_vni *vni, u32 *mtu,
		    u32 *overhead);

static inline enum nvo_encap nvo_vni_encap(const struct nvo_dev *nvo,
					   const struct nvo_vni *vni)
{
	return READ_ONCE(vni->encap) ?: READ_ONCE(nvo->cfg.encap);
}

/* What a frame's encapsulation header says of its sender, read once per
 * frame so that its length and its contents agree.
 */
struct nvo_tx_id {
	u32 port_id;			/* 0: not sent */
	const struct nvo_sgset *groups;	/* NULL: not sent */
};

/* What it said, for the firewall: in skb->cb from decapsulation until the
 * frame leaves the switch. The outer header stays in the headroom.
 */
struct nvo_rx_id {
	u16 outer_nh;			/* offset of the outer IP header */
	s8 trusted;			/* its VTEP for the groups; -1: ask */
	u8 ngroups;
	u16 groups[NVO_PORT_SG_MAX];
};

/* skb->cb from the moment a frame enters nvo (port or tunnel). */
struct nvo_skb_cb {
	struct nvo_rx_id id;
	u16 mru;		/* reassembled: its largest fragment; else 0 */
};

#define NVO_CB(skb)	((struct nvo_skb_cb *)(skb)->cb)
#define NVO_RX_ID(skb)	(&NVO_CB(skb)->id)

/* frag.c */
bool nvo_frag_maybe(const struct sk_buff *skb, u8 pf);
int nvo_frag_gather(struct net *net, struct sk_buff *skb, u8 pf, u16 zone);
struct sk_buff *nvo_frag_split(struct nvo_dev *nvo, struct sk_buff *skb);
bool nvo_frag_flood(struct nvo_vni *vni, struct nvo_port *in,
		    struct sk_buff *skb);

/* A datagram the firewall reassembled, too long to leave in one piece. */
static inline bool nvo_frag_pending(const struct sk_buff *skb)
{
	u16 mru = NVO_CB(skb)->mru;

	return unlikely(mru) && skb->len > ETH_HLEN + mru;
}

/* vxlan.c and geneve.c: one encapsulation each */
struct nvo_encap_ops {
	/* Bytes of encapsulation header after the UDP header; with no @id,
	 * the most the device may send.
	 */
	unsigned int (*hlen)(const struct nvo_dev *nvo,
			     const struct nvo_tx_id *id);
	void (*push)(struct sk_buff *skb, const struct nvo_vni *vni,
		     const struct nvo_tx_id *id);
	int (*encap_rcv)(struct sock *sk, struct sk_buff *skb);
	struct sk_buff *(*gro_receive)(struct sock *sk, struct list_head *head,
				       struct sk_buff *skb);
	int (*gro_complete)(struct sock *sk, struct sk_buff *skb, int nhoff);
};

extern const struct nvo_encap_ops nvo_vxlan_ops;
extern const struct nvo_encap_ops nvo_geneve_ops;

#endif /* _NVO_H */
