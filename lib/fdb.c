// SPDX-License-Identifier: LGPL-2.1-or-later
/* The forwarding database of a VNI: where each MAC address lives. */
#include <errno.h>
#include <string.h>
#include <linux/if_ether.h>

#include "internal.h"

struct fdb_walk {
	nvo_fdb_cb cb;
	void *arg;
};

static int fdb_reply(struct nvo *h, const struct nlattr *const *tb, void *arg)
{
	const struct fdb_walk *w = arg;
	struct nvo_fdb_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
		.port_ifindex	= nvo_u32(tb[NVO_A_PORT_IFINDEX]),
		.flags		= nvo_u32(tb[NVO_A_FDB_FLAGS]),
		.age		= nvo_u32(tb[NVO_A_AGE]),
	};
	int remotes = nvo__remote_get(&info.remote, tb);

	if (!remotes && !tb[NVO_A_PORT_IFINDEX])
		return nvo__errf(h, -EPROTO, "FDB entry without a destination in reply");
	if (remotes > 1)
		return nvo__errf(h, -EPROTO, "FDB entry with two remote addresses in reply");
	memcpy(info.mac, mnl_attr_get_payload(tb[NVO_A_MAC]), ETH_ALEN);
	nvo__ifname_get(info.port_ifname, tb[NVO_A_PORT_IFNAME]);
	if (nvo__sgs_get(info.sg, &info.sg_count, tb[NVO_A_SG_IDS]) < 0)
		return nvo__errf(h, -EPROTO,
				 "FDB entry with a malformed list of security groups in reply");
	return w->cb(&info, w->arg);
}

#define FDB_FIELDS	NVO_FDB_SGS

int nvo_fdb_add_cfg(struct nvo *h, const char *dev, uint32_t vni,
		    const uint8_t mac[6], const struct nvo_addr *remote,
		    const char *port, bool replace,
		    const struct nvo_fdb_cfg *cfg)
{
	const struct nvo_fdb_cfg none = { 0 };
	struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni, .mac = mac,
		.remote = remote, .port = port,
		.flags = replace ? NVO_F_REPLACE : 0,
	};

	if (!cfg)
		cfg = &none;
	if (cfg->set & ~FDB_FIELDS)
		return nvo__errf(h, -EOPNOTSUPP,
				 "FDB setting 0x%x is unknown to libnvo %s",
				 cfg->set & ~FDB_FIELDS, nvo_version());
	if (cfg->set & NVO_FDB_SGS) {
		req.has_sgs = true;
		req.sgs = cfg->sg;
		req.sg_count = cfg->sg_count;
	}
	return nvo__genl_do(h, replace ? "cannot replace FDB entry" :
					 "cannot add FDB entry",
			    NVO_CMD_FDB_NEW, &req);
}

int nvo_fdb_add(struct nvo *h, const char *dev, uint32_t vni,
		const uint8_t mac[6], const struct nvo_addr *remote,
		const char *port, bool replace)
{
	return nvo_fdb_add_cfg(h, dev, vni, mac, remote, port, replace, NULL);
}

int nvo_fdb_del(struct nvo *h, const char *dev, uint32_t vni,
		const uint8_t mac[6])
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni, .mac = mac,
	};

	return nvo__genl_do(h, "cannot delete FDB entry", NVO_CMD_FDB_DEL,
			    &req);
}

int nvo_fdb_dump(struct nvo *h, const char *dev, int64_t vni,
		 nvo_fdb_cb cb, void *arg)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = vni >= 0, .vni = vni,
	};
	struct fdb_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list FDB entries", NVO_CMD_FDB_GET,
			     &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI) | NVO_ATTR_BIT(NVO_A_MAC),
			     fdb_reply, &w);
}
