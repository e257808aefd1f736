// SPDX-License-Identifier: GPL-2.0-only
/* nvctl vni add|set|del|show: the tenant segments of an nvo device. */
#include <stdio.h>

#include "nvctl.h"

/*
 * "[dev] DEV vni N [encap E] [max-fdb N] [max-learned N] [max-neigh N]
 * [neigh-unknown flood|drop] [neigh-learn on|off] [tenant T]": for set,
 * encap may be "default" and tenant "none"; cfg->set tells what was given.
 */
static int vni_parse(int argc, char **argv, const char **dev, uint32_t *vni,
		     bool set, struct nvo_vni_cfg *cfg)
{
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = vni, .required = true },
		{ .kw = "encap", .type = set ? ARG_ENCAP_DEFAULT : ARG_ENCAP,
		  .dst = &cfg->encap },
		{ .kw = "max-fdb", .type = ARG_U32, .dst = &cfg->max_fdb },
		{ .kw = "max-learned", .type = ARG_U32,
		  .dst = &cfg->max_learned },
		{ .kw = "tenant", .type = set ? ARG_TENANT : ARG_U16,
		  .dst = &cfg->tenant },
		{ .kw = "max-neigh", .type = ARG_U32, .dst = &cfg->max_neigh },
		{ .kw = "neigh-unknown", .type = ARG_NEIGH_UNKNOWN,
		  .dst = &cfg->neigh_unknown },
		{ .kw = "neigh-learn", .type = ARG_ON_OFF,
		  .dst = &cfg->neigh_learn },
		{ NULL },
	};
	static const uint32_t fields[] = {
		0, NVO_VNI_ENCAP, NVO_VNI_MAX_FDB, NVO_VNI_MAX_LEARNED,
		NVO_VNI_TENANT, NVO_VNI_MAX_NEIGH, NVO_VNI_NEIGH_UNKNOWN,
		NVO_VNI_NEIGH_LEARN,
	};
	unsigned int i;
	int err;

	_Static_assert(sizeof(fields) / sizeof(fields[0]) ==
		       sizeof(args) / sizeof(args[0]) - 1,
		       "one field per argument");
	*vni = 0;
	*cfg = (struct nvo_vni_cfg){ .encap = NVO_ENCAP_UNSPEC };
	err = parse_cmd(argc, argv, args, dev);
	if (err)
		return err;
	for (i = 0; args[i].kw; i++)
		if (args[i].seen)
			cfg->set |= fields[i];
	return 0;
}

static int vni_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_vni_cfg cfg;
	const char *dev;
	uint32_t vni;
	int err;

	err = vni_parse(argc, argv, &dev, &vni, false, &cfg);
	if (err)
		return err;
	/* The kernel assumes the device's encapsulation without one. */
	if (cfg.encap == NVO_ENCAP_UNSPEC)
		cfg.set &= ~NVO_VNI_ENCAP;
	return nvctl_status(c, nvo_vni_add_cfg(nvctl_nvo(c), dev, vni, &cfg));
}

static int vni_set(struct nvctl *c, int argc, char **argv)
{
	struct nvo_vni_cfg cfg;
	const char *dev;
	uint32_t vni;
	int err;

	err = vni_parse(argc, argv, &dev, &vni, true, &cfg);
	if (err)
		return err;
	if (!cfg.set)
		return usage_error("nothing to change for VNI %u", vni);
	return nvctl_status(c, nvo_vni_set_cfg(nvctl_nvo(c), dev, vni, &cfg));
}

static int vni_del(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .required = true },
		{ NULL },
	};
	const char *dev;
	uint32_t vni = 0;
	int err;

	args[0].dst = &vni;
	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_vni_del(nvctl_nvo(c), dev, vni));
}

/*
 * The encapsulation a VNI uses: its own, or the device's, which the VNI
 * then follows when it changes.
 */
static uint8_t vni_encap(const struct nvo_vni_info *v, uint8_t dev_encap,
			 bool *inherited)
{
	*inherited = v->encap == NVO_ENCAP_UNSPEC;
	return *inherited ? dev_encap : v->encap;
}

/* " encap geneve (device) overhead 58 mtu 1442" */
void vni_print_encap(const struct nvo_vni_info *v, uint8_t dev_encap)
{
	char buf[ENCAP_STRLEN];
	bool inherited;
	uint8_t encap = vni_encap(v, dev_encap, &inherited);

	printf(" encap %s%s overhead %u mtu ", encap_str(encap, buf),
	       inherited ? " (device)" : "", v->overhead);
	if (v->mtu)
		printf("%u", v->mtu);
	else
		putchar('-');
}

void vni_json_encap(struct json *j, const struct nvo_vni_info *v,
		    uint8_t dev_encap)
{
	char buf[ENCAP_STRLEN];
	bool inherited;
	uint8_t encap = vni_encap(v, dev_encap, &inherited);

	json_string(j, "encap", encap_str(encap, buf));
	json_bool(j, "encap_inherited", inherited);
	json_uint(j, "overhead", v->overhead);
	json_uint(j, "mtu", v->mtu);
}

/* " max-fdb N max-learned N max-neigh N", those the VNI has of its own */
void vni_print_limits(const struct nvo_vni_info *v)
{
	if (v->max_fdb)
		printf(" max-fdb %u", v->max_fdb);
	if (v->max_learned)
		printf(" max-learned %u", v->max_learned);
	if (v->max_neigh)
		printf(" max-neigh %u", v->max_neigh);
}

/* 0: none of its own (max_learned: the device's) */
void vni_json_limits(struct json *j, const struct nvo_vni_info *v)
{
	json_uint(j, "max_fdb", v->max_fdb);
	json_uint(j, "max_learned", v->max_learned);
	json_uint(j, "max_neigh", v->max_neigh);
}

/* " tenant T" when the VNI has one */
void vni_print_tenant(const struct nvo_vni_info *v)
{
	if (v->tenant)
		printf(" tenant %u conns %u", v->tenant, v->conn_count);
}

/* Left out when none, as settings the kernel does not report are. */
void vni_json_tenant(struct json *j, const struct nvo_vni_info *v)
{
	if (v->tenant) {
		json_uint(j, "tenant", v->tenant);
		json_uint(j, "conns", v->conn_count);
	}
}

/* " neigh-unknown drop neigh-learn on", what is not the default */
void vni_print_neigh(const struct nvo_vni_info *v)
{
	char buf[NEIGH_UNKNOWN_STRLEN];

	if (v->neigh_unknown != NVO_NEIGH_UNKNOWN_FLOOD)
		printf(" neigh-unknown %s",
		       neigh_unknown_str(v->neigh_unknown, buf));
	if (v->neigh_learn)
		fputs(" neigh-learn on", stdout);
}

/* Always there: a kernel that does not report them has the defaults. */
void vni_json_neigh(struct json *j, const struct nvo_vni_info *v)
{
	char buf[NEIGH_UNKNOWN_STRLEN];

	json_uint(j, "neigh_count", v->neigh_count);
	json_string(j, "neigh_unknown",
		    neigh_unknown_str(v->neigh_unknown, buf));
	json_bool(j, "neigh_learn", v->neigh_learn);
}

/* ctx: the device, for the encapsulation VNIs inherit */
static void vni_item(struct json *j, const void *item, const void *ctx)
{
	const struct nvo_dev_info *d = ctx;
	const struct nvo_vni_info *v = item;

	if (!j) {
		printf("vni %u", v->vni);
		vni_print_encap(v, d->encap);
		printf(" ports %u fdb %u learned %u flood %u neigh %u",
		       v->port_count, v->fdb_count, v->learned_count,
		       v->flood_count, v->neigh_count);
		vni_print_limits(v);
		vni_print_neigh(v);
		vni_print_tenant(v);
		putchar('\n');
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "vni", v->vni);
	vni_json_encap(j, v, d->encap);
	json_uint(j, "ports", v->port_count);
	json_uint(j, "fdb", v->fdb_count);
	json_uint(j, "learned", v->learned_count);
	json_uint(j, "flood", v->flood_count);
	vni_json_limits(j, v);
	vni_json_neigh(j, v);
	vni_json_tenant(j, v);
	json_object_close(j);
}

/* "vni show [dev] DEV [vni N]", with the device read first for its encap. */
static int vni_show(struct nvctl *c, int argc, char **argv)
{
	struct vec devs = VEC_INIT(struct nvo_dev_info);
	struct vec vnis = VEC_INIT(struct nvo_vni_info);
	const char *dev;
	int64_t vni;
	int err;

	err = parse_show(argc, argv, &dev, &vni);
	if (err)
		return err;
	err = load_devs(c, dev, &devs);
	if (!err)
		err = load_vnis(c, dev, vni, &vnis);
	/* A doit answers with one device or fails. */
	if (!err && devs.len)
		print_table(c, &vnis, vni_item, devs.items);
	vec_free(&devs);
	vec_free(&vnis);
	return err;
}

const struct cmd vni_cmds[] = {
	{ "add", vni_add },
	{ "set", vni_set },
	{ "del", vni_del },
	{ "show", vni_show },
	{ NULL, NULL },
};
