// SPDX-License-Identifier: LGPL-2.1-or-later
/* The VNIs (tenant segments) of an nvo device. */
#include <errno.h>

#include "internal.h"

struct vni_walk {
	nvo_vni_cb cb;
	void *arg;
};

static int vni_reply(struct nvo *h, const struct nlattr *const *tb, void *arg)
{
	const struct vni_walk *w = arg;
	struct nvo_vni_info info = {
		.ifindex	= nvo_u32(tb[NVO_A_IFINDEX]),
		.vni		= nvo_u32(tb[NVO_A_VNI]),
		.port_count	= nvo_u32(tb[NVO_A_PORT_COUNT]),
		.fdb_count	= nvo_u32(tb[NVO_A_FDB_COUNT]),
		.flood_count	= nvo_u32(tb[NVO_A_FLOOD_COUNT]),
		.encap		= nvo_u8(tb[NVO_A_ENCAP]),
		.overhead	= nvo_u32(tb[NVO_A_OVERHEAD]),
		.mtu		= nvo_u32(tb[NVO_A_MTU]),
		.learned_count	= nvo_u32(tb[NVO_A_LEARNED_COUNT]),
		.max_fdb	= nvo_u32(tb[NVO_A_MAX_FDB]),
		.max_learned	= nvo_u32(tb[NVO_A_MAX_LEARNED]),
		.tenant		= nvo_u16(tb[NVO_A_TENANT]),
		.conn_count	= nvo_u32(tb[NVO_A_CONN_COUNT]),
		.neigh_count	= nvo_u32(tb[NVO_A_NEIGH_COUNT]),
		.neigh_unknown	= nvo_u8(tb[NVO_A_NEIGH_UNKNOWN]),
		.neigh_learn	= nvo_u8(tb[NVO_A_NEIGH_LEARN]),
		.max_neigh	= nvo_u32(tb[NVO_A_MAX_NEIGH]),
	};
	int err;

	err = nvo__stats_parse(h, tb[NVO_A_STATS], &info.stats,
				&info.learn_limit, &info.neigh_answered,
				&info.neigh_flooded, &info.dhcp_answered);
	return err ? err : w->cb(&info, w->arg);
}

/* UNSPEC is not put: it is what the kernel assumes without the attribute. */
int nvo_vni_add(struct nvo *h, const char *dev, uint32_t vni,
		enum nvo_encap encap)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni,
		.has_encap = encap != NVO_ENCAP_UNSPEC, .encap = encap,
	};

	return nvo__genl_do(h, "cannot add VNI", NVO_CMD_VNI_NEW, &req);
}

int nvo_vni_set(struct nvo *h, const char *dev, uint32_t vni,
		enum nvo_encap encap)
{
	const struct nvo_req req = {
		.dev = dev, .has_vni = true, .vni = vni,
		.has_encap = true, .encap = encap,
	};

	return nvo__genl_do(h, "cannot change VNI", NVO_CMD_VNI_SET, &req);
}

#define VNI_FIELDS	(NVO_VNI_ENCAP | NVO_VNI_MAX_FDB | NVO_VNI_MAX_LEARNED | \
			 NVO_VNI_TENANT | NVO_VNI_NEIGH_UNKNOWN | \
			 NVO_VNI_NEIGH_LEARN | NVO_VNI_MAX_NEIGH)

/* Only fields whose bit is set are read, as for struct nvo_link_cfg. */
static int vni_cfg(struct nvo *h, const char *what, int cmd, const char *dev,
		   uint32_t vni, const struct nvo_vni_cfg *cfg)
{
	static const struct nvo_vni_cfg none;
	struct nvo_req req = { .dev = dev, .has_vni = true, .vni = vni };

	if (!cfg)
		cfg = &none;
	if (cfg->set & ~VNI_FIELDS) {
		nvo__begin(h);
		return nvo__errf(h, -EOPNOTSUPP,
				 "%s: unknown setting bits 0x%x in struct nvo_vni_cfg",
				 what, cfg->set & ~VNI_FIELDS);
	}
	if (cfg->set & NVO_VNI_ENCAP) {
		req.has_encap = true;
		req.encap = cfg->encap;
	}
	if (cfg->set & NVO_VNI_MAX_FDB) {
		req.has_max_fdb = true;
		req.max_fdb = cfg->max_fdb;
	}
	if (cfg->set & NVO_VNI_MAX_LEARNED) {
		req.has_max_learned = true;
		req.max_learned = cfg->max_learned;
	}
	if (cfg->set & NVO_VNI_TENANT) {
		req.has_tenant = true;
		req.tenant = cfg->tenant;
	}
	if (cfg->set & NVO_VNI_NEIGH_UNKNOWN) {
		req.has_neigh_unknown = true;
		req.neigh_unknown = cfg->neigh_unknown;
	}
	if (cfg->set & NVO_VNI_NEIGH_LEARN) {
		req.has_neigh_learn = true;
		req.neigh_learn = cfg->neigh_learn;
	}
	if (cfg->set & NVO_VNI_MAX_NEIGH) {
		req.has_max_neigh = true;
		req.max_neigh = cfg->max_neigh;
	}
	return nvo__genl_do(h, what, cmd, &req);
}

int nvo_vni_add_cfg(struct nvo *h, const char *dev, uint32_t vni,
		    const struct nvo_vni_cfg *cfg)
{
	return vni_cfg(h, "cannot add VNI", NVO_CMD_VNI_NEW, dev, vni, cfg);
}

int nvo_vni_set_cfg(struct nvo *h, const char *dev, uint32_t vni,
		    const struct nvo_vni_cfg *cfg)
{
	return vni_cfg(h, "cannot change VNI", NVO_CMD_VNI_SET, dev, vni, cfg);
}

int nvo_vni_del(struct nvo *h, const char *dev, uint32_t vni)
{
	const struct nvo_req req = { .dev = dev, .has_vni = true, .vni = vni };

	return nvo__genl_do(h, "cannot delete VNI", NVO_CMD_VNI_DEL, &req);
}

int nvo_vni_get(struct nvo *h, const char *dev, uint32_t vni,
		nvo_vni_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev, .has_vni = true, .vni = vni };
	struct vni_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot get VNI", NVO_CMD_VNI_GET, &req, false,
			     NVO_ATTR_BIT(NVO_A_VNI), vni_reply, &w);
}

int nvo_vni_dump(struct nvo *h, const char *dev, nvo_vni_cb cb, void *arg)
{
	const struct nvo_req req = { .dev = dev };
	struct vni_walk w = { cb, arg };

	return nvo__genl_get(h, "cannot list VNIs", NVO_CMD_VNI_GET, &req, true,
			     NVO_ATTR_BIT(NVO_A_VNI), vni_reply, &w);
}
