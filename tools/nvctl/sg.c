// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl sg add|set|del|show: the security groups of an nvo device, and
 * groups by name: the kernel knows them by id, so names are looked up in
 * a dump of the device's groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nvctl.h"

int sg_table_load(struct nvctl *c, struct sg_table *t)
{
	int err;

	if (t->loaded)
		return 0;
	err = load_sgs(c, t->dev, -1, &t->v);
	t->loaded = !err;
	return err;
}

static int sg_id_cmp(const void *key, const void *item)
{
	const struct nvo_sg_info *sg = item;
	uint16_t id = *(const uint16_t *)key;

	return (id > sg->id) - (id < sg->id);
}

const struct nvo_sg_info *sg_find(const struct sg_table *t, uint16_t id)
{
	if (!t || !t->loaded || !t->v.len)
		return NULL;
	return bsearch(&id, t->v.items, t->v.len, t->v.size, sg_id_cmp);
}

/*
 * A name must be the name of exactly one group: the kernel does not make
 * names unique, and a request must not go to the wrong group.
 */
int sg_id(struct nvctl *c, struct sg_table *t, const struct group_ref *g,
	  const char *kw, uint16_t *id)
{
	const struct nvo_sg_info *sg, *found = NULL;
	char arg[sizeof(" (argument \"\")") + 32] = "";
	size_t i;
	int err;

	if (!g->name) {
		*id = g->id;
		return 0;
	}
	err = sg_table_load(c, t);
	if (err)
		return err;
	if (kw)
		snprintf(arg, sizeof(arg), " (argument \"%s\")", kw);
	for (i = 0, sg = t->v.items; i < t->v.len; i++) {
		if (strcmp(sg[i].name, g->name))
			continue;
		if (found) {
			nvctl_error("security group name \"%s\" is ambiguous%s: ids %u and %u have it, give the id",
				    g->name, arg, found->id, sg[i].id);
			return EXIT_RUNTIME;
		}
		found = &sg[i];
	}
	if (!found) {
		nvctl_error("unknown security group \"%s\"%s", g->name, arg);
		return EXIT_RUNTIME;
	}
	*id = found->id;
	return 0;
}

int sg_ids(struct nvctl *c, struct sg_table *t, const struct sg_list *l,
	   uint16_t ids[NVO_PORT_SG_MAX])
{
	unsigned int i;
	int err;

	for (i = 0; i < l->count; i++) {
		err = sg_id(c, t, &l->refs[i], "sg", &ids[i]);
		if (err)
			return err;
	}
	return 0;
}

void sg_print(const struct sg_table *t, uint16_t id, bool with_kw)
{
	const struct nvo_sg_info *sg = sg_find(t, id);
	char name[SG_NAME_STRLEN];

	if (sg && *sg->name)
		fputs(sg_name_str(sg->name, name), stdout);
	else
		printf("%s%u", with_kw ? "id " : "", id);
}

void sg_json(struct json *j, const char *key, const struct sg_table *t,
	     uint16_t id)
{
	const struct nvo_sg_info *sg = sg_find(t, id);

	if (sg && *sg->name)
		json_string(j, key, sg->name);
	else
		json_uint(j, key, id);
}

/* "[dev] DEV id N [name NAME]": set wants the name. */
static int sg_change(struct nvctl *c, int argc, char **argv, bool set)
{
	const char *dev, *name = NULL;
	uint16_t id = 0;
	struct arg args[] = {
		{ .kw = "id", .type = ARG_U16, .dst = &id, .required = true },
		{ .kw = "name", .type = ARG_SG_NAME, .dst = &name,
		  .required = set },
		{ NULL },
	};
	struct nvo *h;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	h = nvctl_nvo(c);
	return nvctl_status(c, set ? nvo_sg_set(h, dev, id, name) :
				     nvo_sg_add(h, dev, id, name));
}

static int sg_add(struct nvctl *c, int argc, char **argv)
{
	return sg_change(c, argc, argv, false);
}

static int sg_set(struct nvctl *c, int argc, char **argv)
{
	return sg_change(c, argc, argv, true);
}

static int sg_del(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = { { NULL } };
	struct group_ref g;
	struct sg_table t;
	const char *dev;
	uint16_t id;
	int err;

	err = parse_cmd_group(argc, argv, args, &dev, &g, NULL);
	if (err)
		return err;
	t = (struct sg_table)SG_TABLE_INIT(dev);
	err = sg_id(c, &t, &g, NULL, &id);
	if (!err)
		err = nvctl_status(c, nvo_sg_del(nvctl_nvo(c), dev, id));
	vec_free(&t.v);
	return err;
}

/* "sg flush-conns DEV": connections the rules no longer allow go. */
static int sg_flush_conns(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = { { NULL } };
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_conn_flush(nvctl_nvo(c), dev));
}

/* In the words of "sg add", with how many rules and ports have it. */
static void sg_item(struct json *j, const void *item,
		    const void *ctx NVCTL_UNUSED)
{
	const struct nvo_sg_info *sg = item;
	char name[SG_NAME_STRLEN];

	if (!j) {
		printf("id %u", sg->id);
		if (*sg->name)
			printf(" name %s", sg_name_str(sg->name, name));
		printf(" rules %u ports %u\n", sg->rule_count, sg->port_count);
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "id", sg->id);
	if (*sg->name)
		json_string(j, "name", sg->name);
	json_uint(j, "rules", sg->rule_count);
	json_uint(j, "ports", sg->port_count);
	json_object_close(j);
}

/* "sg show [dev] DEV [GROUP]": an id is asked for, a name looked up. */
static int sg_show(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = { { NULL } };
	struct vec one = VEC_INIT(struct nvo_sg_info);
	struct group_ref g;
	struct sg_table t;
	const char *dev;
	bool has_group;
	uint16_t id;
	int err;

	err = parse_cmd_group(argc, argv, args, &dev, &g, &has_group);
	if (err)
		return err;
	t = (struct sg_table)SG_TABLE_INIT(dev);
	if (!has_group) {
		err = sg_table_load(c, &t);
		if (!err)
			print_table(c, &t.v, sg_item, NULL);
	} else if (g.name) {
		err = sg_id(c, &t, &g, NULL, &id);
		if (!err) {
			struct vec found = t.v;

			found.items = (void *)sg_find(&t, id);
			found.len = 1;
			print_table(c, &found, sg_item, NULL);
		}
	} else {
		err = load_sgs(c, dev, g.id, &one);
		if (!err)
			print_table(c, &one, sg_item, NULL);
	}
	vec_free(&one);
	vec_free(&t.v);
	return err;
}

static int sg_rule(struct nvctl *c, int argc, char **argv)
{
	return run_cmd(c, "sg rule", rule_cmds, argc, argv);
}

const struct cmd sg_cmds[] = {
	{ "add", sg_add },
	{ "set", sg_set },
	{ "del", sg_del },
	{ "show", sg_show },
	{ "rule", sg_rule },
	{ "flush-conns", sg_flush_conns },
	{ NULL, NULL },
};
