// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tables read whole from libnvo and sorted, so that output does not depend
 * on the kernel's hash order: devices and links by ifindex, VNIs
 * ascending, ports, FDB and flood entries by VNI, then by name, MAC or
 * remote address (IPv4 before IPv6, then numerically), neighbours by VNI,
 * then address (the same way), security groups by id, their rules by
 * group, then id, ACL entries by VNI, then priority, routers by id, their
 * interfaces by router, then VNI, routes by router, then destination (the
 * same way as addresses), then prefix length.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nvctl.h"

static int vec_push(struct vec *v, const void *item)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		void *items = reallocarray(v->items, cap, v->size);

		if (!items)
			return NVCTL_NOMEM;
		v->items = items;
		v->cap = cap;
	}
	memcpy((char *)v->items + v->len++ * v->size, item, v->size);
	return 0;
}

void vec_free(struct vec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

#define CMP(a, b)	(((a) > (b)) - ((a) < (b)))

static int dev_cmp(const void *a, const void *b)
{
	const struct nvo_dev_info *x = a, *y = b;

	return CMP(x->ifindex, y->ifindex);
}

static int link_cmp(const void *a, const void *b)
{
	const struct nvo_link_info *x = a, *y = b;

	return CMP(x->ifindex, y->ifindex);
}

/* IPv4 first; addresses are in network order, so memcmp() sorts them. */
static int addr_cmp(const struct nvo_addr *x, const struct nvo_addr *y)
{
	bool x6 = x->family == AF_INET6, y6 = y->family == AF_INET6;

	if (x6 != y6)
		return CMP(x6, y6);
	return x6 ? memcmp(&x->v6, &y->v6, sizeof(x->v6)) :
		    memcmp(&x->v4, &y->v4, sizeof(x->v4));
}

static int vni_cmp(const void *a, const void *b)
{
	const struct nvo_vni_info *x = a, *y = b;

	return CMP(x->vni, y->vni);
}

static int port_cmp(const void *a, const void *b)
{
	const struct nvo_port_info *x = a, *y = b;

	return CMP(x->vni, y->vni) ?: strcmp(x->port_ifname, y->port_ifname);
}

static int fdb_cmp(const void *a, const void *b)
{
	const struct nvo_fdb_info *x = a, *y = b;

	return CMP(x->vni, y->vni) ?: memcmp(x->mac, y->mac, sizeof(x->mac));
}

static int flood_cmp(const void *a, const void *b)
{
	const struct nvo_flood_info *x = a, *y = b;

	return CMP(x->vni, y->vni) ?: addr_cmp(&x->remote, &y->remote);
}

static int neigh_cmp(const void *a, const void *b)
{
	const struct nvo_neigh_info *x = a, *y = b;

	return CMP(x->vni, y->vni) ?: addr_cmp(&x->ip, &y->ip);
}

static int sg_cmp(const void *a, const void *b)
{
	const struct nvo_sg_info *x = a, *y = b;

	return CMP(x->id, y->id);
}

static int rule_cmp(const void *a, const void *b)
{
	const struct nvo_rule_info *x = a, *y = b;

	return CMP(x->rule.sg, y->rule.sg) ?: CMP(x->rule.id, y->rule.id);
}

static int acl_cmp(const void *a, const void *b)
{
	const struct nvo_acl_info *x = a, *y = b;

	return CMP(x->acl.vni, y->acl.vni) ?: CMP(x->acl.prio, y->acl.prio);
}

static int router_cmp(const void *a, const void *b)
{
	const struct nvo_router_info *x = a, *y = b;

	return CMP(x->id, y->id);
}

static int rif_cmp(const void *a, const void *b)
{
	const struct nvo_rif_info *x = a, *y = b;

	return CMP(x->rif.router, y->rif.router) ?:
	       CMP(x->rif.vni, y->rif.vni);
}

static int route_cmp(const void *a, const void *b)
{
	const struct nvo_route_info *x = a, *y = b;

	return CMP(x->router, y->router) ?: addr_cmp(&x->dst, &y->dst) ?:
	       CMP(x->prefix, y->prefix);
}

static int push_dev(const struct nvo_dev_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_link(const struct nvo_link_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_vni(const struct nvo_vni_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_port(const struct nvo_port_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_fdb(const struct nvo_fdb_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_flood(const struct nvo_flood_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_neigh(const struct nvo_neigh_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_sg(const struct nvo_sg_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_rule(const struct nvo_rule_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_acl(const struct nvo_acl_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_router(const struct nvo_router_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_rif(const struct nvo_rif_info *info, void *v)
{
	return vec_push(v, info);
}

static int push_route(const struct nvo_route_info *info, void *v)
{
	return vec_push(v, info);
}

static int loaded(struct nvctl *c, int ret, struct vec *v,
		  int (*cmp)(const void *, const void *))
{
	/* An empty table may have no items array at all. */
	if (!ret && v->len)
		qsort(v->items, v->len, v->size, cmp);
	return nvctl_status(c, ret);
}

/* dev NULL: all nvo devices */
int load_devs(struct nvctl *c, const char *dev, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_dev_get(h, dev, push_dev, v), v, dev_cmp);
}

/* name NULL: all nvo links */
int load_links(struct nvctl *c, const char *name, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_link_get(h, name, push_link, v), v, link_cmp);
}

int load_vnis(struct nvctl *c, const char *dev, int64_t vni, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, vni < 0 ? nvo_vni_dump(h, dev, push_vni, v) :
				   nvo_vni_get(h, dev, vni, push_vni, v),
		      v, vni_cmp);
}

int load_ports(struct nvctl *c, const char *dev, int64_t vni, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_port_dump(h, dev, vni, push_port, v), v,
		      port_cmp);
}

int load_fdb(struct nvctl *c, const char *dev, int64_t vni, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_fdb_dump(h, dev, vni, push_fdb, v), v, fdb_cmp);
}

int load_flood(struct nvctl *c, const char *dev, int64_t vni, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_flood_dump(h, dev, vni, push_flood, v), v,
		      flood_cmp);
}

int load_neigh(struct nvctl *c, const char *dev, int64_t vni, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_neigh_dump(h, dev, vni, push_neigh, v), v,
		      neigh_cmp);
}

int load_sgs(struct nvctl *c, const char *dev, int32_t id, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, id < 0 ? nvo_sg_dump(h, dev, push_sg, v) :
				  nvo_sg_get(h, dev, id, push_sg, v),
		      v, sg_cmp);
}

int load_rules(struct nvctl *c, const char *dev, int32_t sg, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_rule_dump(h, dev, sg, push_rule, v), v,
		      rule_cmp);
}

int load_acls(struct nvctl *c, const char *dev, int64_t vni, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_acl_dump(h, dev, vni, push_acl, v), v, acl_cmp);
}

int load_routers(struct nvctl *c, const char *dev, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_router_dump(h, dev, push_router, v), v,
		      router_cmp);
}

int load_rifs(struct nvctl *c, const char *dev, struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_rif_dump(h, dev, push_rif, v), v, rif_cmp);
}

int load_routes(struct nvctl *c, const char *dev, int64_t router,
		struct vec *v)
{
	struct nvo *h = nvctl_nvo(c);

	return loaded(c, nvo_route_dump(h, dev, router, push_route, v), v,
		      route_cmp);
}

/*
 * "OBJECT show [dev] DEV [vni N]": the table that load() reads, one line or one
 * JSON array element per item, as print() writes it.
 */
int show_table(struct nvctl *c, int argc, char **argv, size_t size,
	       load_fn load, item_print_fn print)
{
	struct vec v = { NULL, 0, 0, size };
	const char *dev;
	int64_t vni;
	int err;

	err = parse_show(argc, argv, &dev, &vni);
	if (err)
		return err;
	err = load(c, dev, vni, &v);
	if (!err)
		print_table(c, &v, print, NULL);
	vec_free(&v);
	return err;
}

/* One line or one JSON array element per item of v, as print() writes it. */
void print_table(struct nvctl *c, const struct vec *v, item_print_fn print,
		 const void *ctx)
{
	struct json j;
	size_t i;

	json_init(&j, stdout, c->pretty);
	if (c->json)
		json_array_open(&j, NULL);
	for (i = 0; i < v->len; i++)
		print(c->json ? &j : NULL, (const char *)v->items + i * v->size,
		      ctx);
	if (c->json)
		json_array_close(&j);
}

/*
 * "show|stats [[dev] DEV]": print() for every nvo device, or just DEV, in one
 * JSON array with -j. Devices are done one at a time so that only one
 * device's tables are in memory.
 */
int show_devs(struct nvctl *c, int argc, char **argv, dev_print_fn print)
{
	struct vec devs = VEC_INIT(struct nvo_dev_info);
	const struct nvo_dev_info *d;
	const char *dev;
	struct json j;
	size_t i;
	int err;

	err = parse_opt_dev(argc, argv, &dev);
	if (err)
		return err;
	err = load_devs(c, dev, &devs);
	if (err)
		goto out;
	json_init(&j, stdout, c->pretty);
	if (c->json)
		json_array_open(&j, NULL);
	for (i = 0, d = devs.items; !err && i < devs.len; i++)
		err = print(c, c->json ? &j : NULL, &d[i]);
	/* After an error too: what was printed stays valid JSON. */
	if (c->json)
		json_array_close(&j);
out:
	vec_free(&devs);
	return err;
}
