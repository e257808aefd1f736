// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl show [DEV]: devices with everything configured in them, VNI by
 * VNI.
 */
#include <stdio.h>
#include <string.h>

#include "nvctl.h"

/*
 * One device's tables, each sorted by VNI first, and its security groups
 * when a port has any, for their names.
 */
struct tables {
	struct vec vnis, ports, fdb, flood;
	struct sg_table sgs;
};

static void tables_free(struct tables *t)
{
	vec_free(&t->vnis);
	vec_free(&t->ports);
	vec_free(&t->fdb);
	vec_free(&t->flood);
	vec_free(&t->sgs.v);
}

static int tables_load(struct nvctl *c, const char *dev, struct tables *t)
{
	int err;

	err = load_vnis(c, dev, -1, &t->vnis);
	if (!err)
		err = load_ports(c, dev, -1, &t->ports);
	if (!err)
		err = load_fdb(c, dev, -1, &t->fdb);
	if (!err)
		err = load_flood(c, dev, -1, &t->flood);
	if (!err && ports_have_sgs(&t->ports))
		err = sg_table_load(c, &t->sgs);
	return err;
}

static uint32_t item_vni(const struct vec *v, size_t i, size_t vni_off)
{
	uint32_t vni;

	memcpy(&vni, (const char *)v->items + i * v->size + vni_off,
	       sizeof(vni));
	return vni;
}

/*
 * The items of VNI vni in a table sorted by VNI: *first and the count
 * returned. VNIs are visited in ascending order and *pos carries on from
 * the last one. Items of a VNI that is not listed (the tables are read one
 * after another and may have changed in between) are passed over.
 */
static size_t vni_items(const struct vec *v, size_t vni_off, uint32_t vni,
			size_t *pos, size_t *first)
{
	size_t i = *pos;

	while (i < v->len && item_vni(v, i, vni_off) < vni)
		i++;
	*first = i;
	while (i < v->len && item_vni(v, i, vni_off) == vni)
		i++;
	*pos = i;
	return i - *first;
}

struct vni_view {
	const struct nvo_port_info *ports;
	const struct nvo_fdb_info *fdb;
	const struct nvo_flood_info *flood;
	size_t nports, nfdb, nflood;
};

/* The ports, FDB and flood entries of each VNI in turn. */
struct walk {
	const struct tables *t;
	size_t port, fdb, flood;
};

static void vni_view(struct walk *w, uint32_t vni, struct vni_view *view)
{
	const struct tables *t = w->t;
	size_t first;

	view->nports = vni_items(&t->ports, offsetof(struct nvo_port_info, vni),
				 vni, &w->port, &first);
	view->ports = (const struct nvo_port_info *)t->ports.items + first;
	view->nfdb = vni_items(&t->fdb, offsetof(struct nvo_fdb_info, vni),
			       vni, &w->fdb, &first);
	view->fdb = (const struct nvo_fdb_info *)t->fdb.items + first;
	view->nflood = vni_items(&t->flood,
				 offsetof(struct nvo_flood_info, vni), vni,
				 &w->flood, &first);
	view->flood = (const struct nvo_flood_info *)t->flood.items + first;
}

static void vni_text(const struct nvo_dev_info *d,
		     const struct nvo_vni_info *vni, const struct vni_view *v)
{
	char mac[MAC_STRLEN], addr[INET6_ADDRSTRLEN], name[IFNAME_STRLEN];
	size_t i;

	printf("    vni %u:", vni->vni);
	vni_print_encap(vni, d->encap);
	vni_print_limits(vni);
	vni_print_neigh(vni);
	vni_print_tenant(vni);
	for (i = 0; i < v->nports; i++)
		printf("%s %s", i ? "" : " ports",
		       ifname_str(v->ports[i].port_ifname, name));
	putchar('\n');
	for (i = 0; i < v->nfdb; i++) {
		printf("        fdb %s", mac_str(v->fdb[i].mac, mac));
		fdb_print_dest(&v->fdb[i]);
		putchar('\n');
	}
	for (i = 0; i < v->nflood; i++)
		printf("        flood %s\n", addr_str(&v->flood[i].remote, addr));
}

static void vni_json(struct json *j, const struct nvo_dev_info *d,
		     const struct nvo_vni_info *vni, const struct vni_view *v,
		     const struct sg_table *sgs)
{
	char addr[INET6_ADDRSTRLEN];
	size_t i;

	json_object_open(j, NULL);
	json_uint(j, "vni", vni->vni);
	vni_json_encap(j, vni, d->encap);
	json_uint(j, "fdb_count", vni->fdb_count);
	json_uint(j, "learned", vni->learned_count);
	vni_json_limits(j, vni);
	vni_json_neigh(j, vni);
	vni_json_tenant(j, vni);
	json_array_open(j, "ports");
	for (i = 0; i < v->nports; i++) {
		json_object_open(j, NULL);
		json_string(j, "ifname", v->ports[i].port_ifname);
		json_uint(j, "id", v->ports[i].id);
		port_json_sgs(j, &v->ports[i], sgs);
		port_json_dhcp(j, &v->ports[i]);
		json_object_close(j);
	}
	json_array_close(j);
	json_array_open(j, "fdb");
	for (i = 0; i < v->nfdb; i++)
		fdb_json(j, &v->fdb[i], false);
	json_array_close(j);
	json_array_open(j, "flood");
	for (i = 0; i < v->nflood; i++)
		json_string(j, NULL, addr_str(&v->flood[i].remote, addr));
	json_array_close(j);
	json_object_close(j);
}

static void dev_text(const struct nvo_dev_info *d, const struct tables *t)
{
	const struct nvo_vni_info *vnis = t->vnis.items;
	char addr[INET6_ADDRSTRLEN], name[IFNAME_STRLEN], encap[ENCAP_STRLEN];
	struct walk w = { t, 0, 0, 0 };
	struct vni_view view;
	size_t i;

	printf("%s: local %s", ifname_str(d->ifname, name),
	       d->local.s_addr ? ip4_str(d->local, addr) : "any");
	if (!IN6_IS_ADDR_UNSPECIFIED(&d->local6))
		printf(" local6 %s", ip6_str(&d->local6, addr));
	printf(" encap %s dstport %u geneve-port %u learning %s ageing %u",
	       encap_str(d->encap, encap), d->dstport, d->geneve_port,
	       d->learning ? "on" : "off", d->ageing);
	if (d->max_vnis)
		printf(" max-vnis %u", d->max_vnis);
	if (d->max_fdb)
		printf(" max-fdb %u", d->max_fdb);
	printf(" max-learned %u", d->max_learned);
	if (d->max_conns)
		printf(" max-conns %u", d->max_conns);
	printf(" %s\n", d->running ? "up" : "down");
	for (i = 0; i < t->vnis.len; i++) {
		vni_view(&w, vnis[i].vni, &view);
		vni_text(d, &vnis[i], &view);
	}
}

static void dev_json(struct json *j, const struct nvo_dev_info *d,
		     const struct tables *t)
{
	const struct nvo_vni_info *vnis = t->vnis.items;
	char addr[INET6_ADDRSTRLEN], encap[ENCAP_STRLEN];
	struct walk w = { t, 0, 0, 0 };
	struct vni_view view;
	size_t i;

	json_object_open(j, NULL);
	json_string(j, "ifname", d->ifname);
	json_uint(j, "ifindex", d->ifindex);
	json_string(j, "local", ip4_str(d->local, addr));
	json_string(j, "local6", ip6_str(&d->local6, addr));
	json_string(j, "encap", encap_str(d->encap, encap));
	json_uint(j, "dstport", d->dstport);
	json_uint(j, "geneve_port", d->geneve_port);
	json_bool(j, "learning", d->learning);
	json_uint(j, "ageing", d->ageing);
	json_bool(j, "running", d->running);
	json_uint(j, "fdb_count", d->fdb_count);
	json_uint(j, "max_vnis", d->max_vnis);
	json_uint(j, "max_fdb", d->max_fdb);
	json_uint(j, "max_learned", d->max_learned);
	json_uint(j, "max_conns", d->max_conns);
	json_array_open(j, "vnis");
	for (i = 0; i < t->vnis.len; i++) {
		vni_view(&w, vnis[i].vni, &view);
		vni_json(j, d, &vnis[i], &view, &t->sgs);
	}
	json_array_close(j);
	json_object_close(j);
}

static int show_dev(struct nvctl *c, struct json *j,
		    const struct nvo_dev_info *d)
{
	struct tables t = {
		VEC_INIT(struct nvo_vni_info),
		VEC_INIT(struct nvo_port_info),
		VEC_INIT(struct nvo_fdb_info),
		VEC_INIT(struct nvo_flood_info),
		SG_TABLE_INIT(d->ifname),
	};
	int err;

	err = tables_load(c, d->ifname, &t);
	if (!err && j)
		dev_json(j, d, &t);
	else if (!err)
		dev_text(d, &t);
	tables_free(&t);
	return err;
}

int cmd_show(struct nvctl *c, int argc, char **argv)
{
	return show_devs(c, argc, argv, show_dev);
}
