// SPDX-License-Identifier: GPL-2.0-only
/* nvctl vni add|set|del|show: the tenant segments of an nvo device. */
#include <stdio.h>

#include "nvctl.h"

/* "[dev] DEV vni N" and, if encap is not NULL, "encap ..." of type. */
static int vni_parse(int argc, char **argv, const char **dev, uint32_t *vni,
		     enum arg_type type, uint8_t *encap)
{
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = vni, .required = true },
		{ .kw = "encap", .type = type, .dst = encap,
		  .required = type == ARG_ENCAP_DEFAULT },
		{ NULL },
	};

	*vni = 0;
	if (encap)
		*encap = NVO_ENCAP_UNSPEC;
	else
		args[1] = (struct arg){ NULL };
	return parse_cmd(argc, argv, args, dev);
}

static int vni_add(struct nvctl *c, int argc, char **argv)
{
	const char *dev;
	uint32_t vni;
	uint8_t encap;
	int err;

	err = vni_parse(argc, argv, &dev, &vni, ARG_ENCAP, &encap);
	if (err)
		return err;
	return nvctl_status(c, nvo_vni_add(nvctl_nvo(c), dev, vni, encap));
}

static int vni_set(struct nvctl *c, int argc, char **argv)
{
	const char *dev;
	uint32_t vni;
	uint8_t encap;
	int err;

	err = vni_parse(argc, argv, &dev, &vni, ARG_ENCAP_DEFAULT, &encap);
	if (err)
		return err;
	return nvctl_status(c, nvo_vni_set(nvctl_nvo(c), dev, vni, encap));
}

static int vni_del(struct nvctl *c, int argc, char **argv)
{
	const char *dev;
	uint32_t vni;
	int err;

	err = vni_parse(argc, argv, &dev, &vni, ARG_FLAG, NULL);
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

/* ctx: the device, for the encapsulation VNIs inherit */
static void vni_item(struct json *j, const void *item, const void *ctx)
{
	const struct nvo_dev_info *d = ctx;
	const struct nvo_vni_info *v = item;

	if (!j) {
		printf("vni %u", v->vni);
		vni_print_encap(v, d->encap);
		printf(" ports %u fdb %u flood %u\n", v->port_count,
		       v->fdb_count, v->flood_count);
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "vni", v->vni);
	vni_json_encap(j, v, d->encap);
	json_uint(j, "ports", v->port_count);
	json_uint(j, "fdb", v->fdb_count);
	json_uint(j, "flood", v->flood_count);
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
