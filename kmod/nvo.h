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
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/rhashtable.h>
#include <linux/u64_stats_sync.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <net/dst_cache.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <uapi/linux/nvo.h>

#define NVO_FLOOD_MAX		1024

struct nvo_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__NVO_DROP_MAX];
	u64_stats_t learn_limit;
	struct u64_stats_sync syncp;
};

/* What a struct nvo_stats sums to over the CPUs. */
struct nvo_counters {
	struct rtnl_link_stats64 s;
	u64 drops[__NVO_DROP_MAX];
	u64 learn_limit;
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
	bool learning;
	u32 ageing;			/* seconds */
	/* Limits, 0: none. A VM flooding random source MACs, or a runaway
	 * controller, must not exhaust the host's memory.
	 */
	u32 max_vnis, max_fdb;
	u32 max_learned;		/* per VNI, unless the VNI has its own */
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
	struct rcu_work free_work;
};

struct nvo_port {
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	struct nvo_dev *nvo;
	struct nvo_vni *vni;
	u32 id;				/* identity sent in the GENEVE option */
	struct list_head vni_node;
	struct nvo_stats __percpu *stats;
	struct rcu_head rcu;
};

struct nvo_fdb {
	struct rhash_head node;
	u8 mac[ETH_ALEN];
	u8 flags;			/* enum nvo_fdb_flags */
	struct nvo_port *port;		/* local destination, or NULL */
	struct nvo_addr remote;		/* remote VTEP when !port */
	unsigned long updated;		/* jiffies of the last learn */
	struct rcu_head rcu;
};

extern struct workqueue_struct *nvo_wq;
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

/* stats.c */
struct nvo_stats __percpu *nvo_stats_alloc(void);
void nvo_drop(struct nvo_dev *nvo, struct nvo_vni *vni,
	      struct nvo_port *port, struct sk_buff *skb, enum nvo_drop why);
void nvo_learn_limited(struct nvo_vni *vni, struct nvo_port *port);
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
void nvo_fdb_age(struct nvo_dev *nvo);
static inline struct nvo_fdb *nvo_fdb_lookup(struct nvo_vni *vni,
					     const u8 *mac)
{
	return rhashtable_lookup(&vni->fdb, mac, nvo_fdb_params);
}

/* flood.c */
void nvo_flood_free(struct nvo_vni *vni);

/* switch.c */
void nvo_switch_from_port(struct nvo_port *in, struct sk_buff *skb);
void nvo_switch_from_tunnel(struct nvo_vni *vni, struct sk_buff *skb);

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

/* vxlan.c and geneve.c: one encapsulation each */
struct nvo_encap_ops {
	/* Bytes of encapsulation header after the UDP header. */
	unsigned int (*hlen)(const struct nvo_dev *nvo,
			     const struct nvo_port *in);
	void (*push)(struct sk_buff *skb, const struct nvo_dev *nvo,
		     const struct nvo_vni *vni, const struct nvo_port *in);
	int (*encap_rcv)(struct sock *sk, struct sk_buff *skb);
	struct sk_buff *(*gro_receive)(struct sock *sk, struct list_head *head,
				       struct sk_buff *skb);
	int (*gro_complete)(struct sock *sk, struct sk_buff *skb, int nhoff);
};

extern const struct nvo_encap_ops nvo_vxlan_ops;
extern const struct nvo_encap_ops nvo_geneve_ops;

#endif /* _NVO_H */
