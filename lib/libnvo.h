/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnvo: the C API to the nvo overlay datapath.
 *
 * One handle per thread. Every call returns 0 or a negative errno; on
 * failure nvo_errmsg() tells why in words: the kernel's extended ACK
 * message, with the name of the attribute it pointed at, or the library's
 * own reason. Dump calls invoke a callback per object; a callback returning
 * non-zero stops the dump and that value is returned.
 */
#ifndef LIBNVO_H
#define LIBNVO_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/nvo.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvo;

/* NULL with errno set when the netlink sockets cannot be opened. */
struct nvo *nvo_open(void);
void nvo_close(struct nvo *h);
const char *nvo_errmsg(const struct nvo *h);

/* Counters of a device, VNI or port. */
struct nvo_stats {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	uint64_t drops[NVO_DROP_MAX + 1];	/* indexed by enum nvo_drop */
};
/* "unknown_vni", ...; NULL for NVO_DROP_UNSPEC and unknown reasons */
const char *nvo_drop_name(unsigned int reason);

/* Link (rtnetlink). Fields left at their zero value keep the default. */
struct nvo_link_cfg {
	struct in_addr local;		/* 0.0.0.0: chosen by route */
	uint16_t dstport;		/* 0: NVO_DEFAULT_DSTPORT */
	int learning;			/* -1: unchanged/default, 0 off, 1 on */
	uint32_t ageing;		/* 0: unchanged/default */
	bool set_local, set_dstport;	/* for nvo_link_set */
	int up;				/* -1 unchanged, 0 down, 1 up */
};
void nvo_link_cfg_init(struct nvo_link_cfg *cfg);
int nvo_link_add(struct nvo *h, const char *name, const struct nvo_link_cfg *cfg);
int nvo_link_set(struct nvo *h, const char *name, const struct nvo_link_cfg *cfg);
int nvo_link_del(struct nvo *h, const char *name);

struct nvo_dev_info {
	uint32_t ifindex;
	char ifname[16];
	struct in_addr local;
	uint16_t dstport;
	bool learning, running;
	uint32_t ageing, vni_count, port_count;
	struct nvo_stats stats;
};
typedef int (*nvo_dev_cb)(const struct nvo_dev_info *info, void *arg);
/* dev NULL: every nvo device of the namespace */
int nvo_dev_get(struct nvo *h, const char *dev, nvo_dev_cb cb, void *arg);

struct nvo_vni_info {
	uint32_t ifindex, vni, port_count, fdb_count, flood_count;
	struct nvo_stats stats;
};
typedef int (*nvo_vni_cb)(const struct nvo_vni_info *info, void *arg);
int nvo_vni_add(struct nvo *h, const char *dev, uint32_t vni);
int nvo_vni_del(struct nvo *h, const char *dev, uint32_t vni);
int nvo_vni_dump(struct nvo *h, const char *dev, nvo_vni_cb cb, void *arg);
/* Just one VNI (a doit): cb is called once, or the kernel's error. */
int nvo_vni_get(struct nvo *h, const char *dev, uint32_t vni,
		nvo_vni_cb cb, void *arg);

struct nvo_port_info {
	uint32_t ifindex, port_ifindex, vni;
	char port_ifname[16];
	struct nvo_stats stats;
};
typedef int (*nvo_port_cb)(const struct nvo_port_info *info, void *arg);
int nvo_port_add(struct nvo *h, const char *dev, const char *port, uint32_t vni);
int nvo_port_del(struct nvo *h, const char *dev, const char *port);
/* vni < 0: all */
int nvo_port_dump(struct nvo *h, const char *dev, int64_t vni,
		  nvo_port_cb cb, void *arg);

struct nvo_fdb_info {
	uint32_t ifindex, vni;
	uint8_t mac[6];
	struct in_addr remote;		/* valid when port_ifindex == 0 */
	uint32_t port_ifindex;
	char port_ifname[16];
	uint32_t flags;			/* enum nvo_fdb_flags */
	uint32_t age;
};
typedef int (*nvo_fdb_cb)(const struct nvo_fdb_info *info, void *arg);
/* Exactly one of remote (non-NULL) and port (non-NULL) names the destination. */
int nvo_fdb_add(struct nvo *h, const char *dev, uint32_t vni,
		const uint8_t mac[6], const struct in_addr *remote,
		const char *port, bool replace);
int nvo_fdb_del(struct nvo *h, const char *dev, uint32_t vni,
		const uint8_t mac[6]);
int nvo_fdb_dump(struct nvo *h, const char *dev, int64_t vni,
		 nvo_fdb_cb cb, void *arg);

struct nvo_flood_info {
	uint32_t ifindex, vni;
	struct in_addr remote;
};
typedef int (*nvo_flood_cb)(const struct nvo_flood_info *info, void *arg);
int nvo_flood_add(struct nvo *h, const char *dev, uint32_t vni,
		  const struct in_addr *remote);
int nvo_flood_del(struct nvo *h, const char *dev, uint32_t vni,
		  const struct in_addr *remote);
int nvo_flood_dump(struct nvo *h, const char *dev, int64_t vni,
		   nvo_flood_cb cb, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* LIBNVO_H */
