// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command line arguments: "DEV keyword value ..." as ip(8) has them. Only
 * syntax is checked here; what the values mean (a VNI in range, a unicast
 * MAC) is for the kernel to judge, and its message is what the user sees.
 * The exceptions are what no kernel could take and the command line says
 * better: a port range upside down, a prefix longer than its address.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>

#include "nvctl.h"

static int parse_uint(const char *what, const char *s, unsigned int bits,
		      uint64_t *out)
{
	unsigned long long v;
	char *end;

	/* strtoull() would take leading blanks, signs and wrap "-1". */
	if (!isdigit((unsigned char)s[0]))
		return usage_error("invalid %s \"%s\": not a number", what, s);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return usage_error("invalid %s \"%s\": not a number", what, s);
	if (errno == ERANGE || (bits < 64 && v >> bits))
		return usage_error("invalid %s \"%s\": does not fit in %u bits",
				   what, s, bits);
	*out = v;
	return 0;
}

static int parse_u32(const char *what, const char *s, uint32_t *out)
{
	uint64_t v;
	int err;

	err = parse_uint(what, s, 32, &v);
	if (!err)
		*out = v;
	return err;
}

static int hexval(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	return tolower((unsigned char)c) - 'a' + 10;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	const char *p = s;
	int i;

	for (i = 0; i < 6; i++, p += 3) {
		if (!isxdigit((unsigned char)p[0]) ||
		    !isxdigit((unsigned char)p[1]) ||
		    p[2] != (i < 5 ? ':' : '\0'))
			return usage_error("invalid MAC address \"%s\"", s);
		mac[i] = hexval(p[0]) << 4 | hexval(p[1]);
	}
	return 0;
}

/* IPv4 or IPv6, as inet_pton() reads them. */
static int parse_addr(const char *what, const char *s, struct nvo_addr *addr)
{
	*addr = (struct nvo_addr){ .family = AF_INET };
	if (inet_pton(AF_INET, s, &addr->v4) == 1)
		return 0;
	*addr = (struct nvo_addr){ .family = AF_INET6 };
	if (inet_pton(AF_INET6, s, &addr->v6) == 1)
		return 0;
	return usage_error("invalid %s \"%s\": not an IPv4 or IPv6 address",
			   what, s);
}

static int parse_ifname(const char *s, const char **name)
{
	if (!*s)
		return usage_error("invalid device name \"\": empty");
	if (strlen(s) >= IFNAMSIZ)
		return usage_error("invalid device name \"%s\": longer than %d characters",
				   s, IFNAMSIZ - 1);
	*name = s;
	return 0;
}

static int parse_on_off(const char *what, const char *s, bool *out)
{
	if (!strcmp(s, "on"))
		*out = true;
	else if (!strcmp(s, "off"))
		*out = false;
	else
		return usage_error("invalid %s \"%s\": expected \"on\" or \"off\"",
				   what, s);
	return 0;
}

static int parse_u16(const char *what, const char *s, uint16_t *out)
{
	uint64_t v;
	int err;

	err = parse_uint(what, s, 16, &v);
	if (!err)
		*out = v;
	return err;
}

/* "N" of 8 bits or "inherit". */
static int parse_u8_inherit(const char *what, const char *s,
			    struct u8_inherit *out)
{
	uint64_t v;
	int err;

	if (!strcmp(s, "inherit")) {
		*out = (struct u8_inherit){ 0, true };
		return 0;
	}
	if (!isdigit((unsigned char)s[0]))
		return usage_error("invalid %s \"%s\": expected a number or \"inherit\"",
				   what, s);
	err = parse_uint(what, s, 8, &v);
	if (!err)
		*out = (struct u8_inherit){ v, false };
	return err;
}

static int parse_encap(const char *what, const char *s, bool dflt,
		       uint8_t *out)
{
	if (!strcmp(s, "vxlan"))
		*out = NVO_ENCAP_VXLAN;
	else if (!strcmp(s, "geneve"))
		*out = NVO_ENCAP_GENEVE;
	else if (dflt && !strcmp(s, "default"))
		*out = NVO_ENCAP_UNSPEC;
	else if (dflt)
		return usage_error("invalid %s \"%s\": expected \"vxlan\", \"geneve\" or \"default\"",
				   what, s);
	else
		return usage_error("invalid %s \"%s\": expected \"vxlan\" or \"geneve\"",
				   what, s);
	return 0;
}

static int parse_u8(const char *what, const char *s, uint8_t *out)
{
	uint64_t v;
	int err;

	err = parse_uint(what, s, 8, &v);
	if (!err)
		*out = v;
	return err;
}

static int parse_tenant(const char *what, const char *s, uint16_t *out)
{
	if (!strcmp(s, "none")) {
		*out = 0;
		return 0;
	}
	if (!isdigit((unsigned char)s[0]))
		return usage_error("invalid %s \"%s\": expected a number or \"none\"",
				   what, s);
	return parse_u16(what, s, out);
}

static int parse_neigh_unknown(const char *what, const char *s, uint8_t *out)
{
	if (!strcmp(s, "flood"))
		*out = NVO_NEIGH_UNKNOWN_FLOOD;
	else if (!strcmp(s, "drop"))
		*out = NVO_NEIGH_UNKNOWN_DROP;
	else
		return usage_error("invalid %s \"%s\": expected \"flood\" or \"drop\"",
				   what, s);
	return 0;
}

/* A name of proto_name(), or a number. */
static int parse_proto(const char *what, const char *s, uint8_t *out)
{
	unsigned int p;

	if (isdigit((unsigned char)s[0]))
		return parse_u8(what, s, out);
	for (p = 0; p <= UINT8_MAX; p++) {
		if (proto_name(p) && !strcmp(proto_name(p), s)) {
			*out = p;
			return 0;
		}
	}
	return usage_error("invalid %s \"%s\": expected tcp, udp, icmp, icmpv6, sctp, udplite, dccp, any or a number",
			   what, s);
}

/* "P" or "P-Q" with P <= Q: out[0] P, out[1] Q (or P). */
static int parse_ports(const char *what, const char *s, uint16_t out[2])
{
	const char *dash = strchr(s, '-');
	char first[sizeof("65535")];
	int err;

	if (!dash) {
		err = parse_u16(what, s, &out[0]);
		out[1] = out[0];
		return err;
	}
	if ((size_t)(dash - s) >= sizeof(first))
		return usage_error("invalid %s \"%s\": not a number or range P-Q",
				   what, s);
	memcpy(first, s, dash - s);
	first[dash - s] = '\0';
	if (!isdigit((unsigned char)first[0]) ||
	    !isdigit((unsigned char)dash[1]))
		return usage_error("invalid %s \"%s\": not a number or range P-Q",
				   what, s);
	err = parse_u16(what, first, &out[0]);
	if (!err)
		err = parse_u16(what, dash + 1, &out[1]);
	if (!err && out[0] > out[1])
		return usage_error("invalid %s range \"%s\": %u is above %u",
				   what, s, out[0], out[1]);
	return err;
}

/* "ADDR[/LEN]": IPv4 or IPv6 (IPv4 only if v4), LEN up to its bits. */
static int prefix_parse(const char *what, const char *s, bool v4,
			struct prefix *out)
{
	const char *which = v4 ? "IPv4" : "IPv4 or IPv6";
	char addr[INET6_ADDRSTRLEN];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	unsigned int bits;
	uint64_t v;
	int err;

	if (len >= sizeof(addr))
		return usage_error("invalid %s \"%s\": not an %s address or prefix",
				   what, s, which);
	memcpy(addr, s, len);
	addr[len] = '\0';
	out->addr = (struct nvo_addr){ .family = AF_INET };
	if (inet_pton(AF_INET, addr, &out->addr.v4) != 1) {
		out->addr = (struct nvo_addr){ .family = AF_INET6 };
		if (v4 || inet_pton(AF_INET6, addr, &out->addr.v6) != 1)
			return usage_error("invalid %s \"%s\": not an %s address or prefix",
					   what, s, which);
	}
	bits = out->addr.family == AF_INET ? 32 : 128;
	out->len = bits;
	out->has_len = slash != NULL;
	if (!slash)
		return 0;
	if (!isdigit((unsigned char)slash[1]))
		return usage_error("invalid %s \"%s\": the prefix length is not a number",
				   what, s);
	err = parse_uint("prefix length", slash + 1, 8, &v);
	if (err)
		return err;
	if (v > bits)
		return usage_error("invalid %s \"%s\": the prefix length is above %u",
				   what, s, bits);
	out->len = v;
	return 0;
}

static int parse_prefix(const char *what, const char *s, struct prefix *out)
{
	return prefix_parse(what, s, false, out);
}

static int parse_ip4(const char *what, const char *s, struct in_addr *out)
{
	if (inet_pton(AF_INET, s, out) != 1)
		return usage_error("invalid %s \"%s\": not an IPv4 address",
				   what, s);
	return 0;
}

/* Up to NVO_DHCP_DNS_MAX IPv4 addresses separated by commas. */
static int parse_ip4_list(const char *what, const char *s,
			  struct ip4_list *l)
{
	char addr[INET_ADDRSTRLEN];
	const char *p = s;
	size_t len;

	l->count = 0;
	for (;;) {
		len = strcspn(p, ",");
		if (!len)
			return usage_error("invalid %s \"%s\": an empty address",
					   what, s);
		if (l->count == NVO_DHCP_DNS_MAX)
			return usage_error("invalid %s \"%s\": more than %d addresses",
					   what, s, NVO_DHCP_DNS_MAX);
		if (len >= sizeof(addr))
			return usage_error("invalid %s \"%s\": \"%.*s\" is not an IPv4 address",
					   what, s, (int)len, p);
		memcpy(addr, p, len);
		addr[len] = '\0';
		if (inet_pton(AF_INET, addr, &l->addr[l->count]) != 1)
			return usage_error("invalid %s \"%s\": \"%s\" is not an IPv4 address",
					   what, s, addr);
		l->count++;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/*
 * A domain that fits the attribute; which characters it may have (the
 * kernel's letters, digits, '-' and '.') is for the kernel to say.
 */
static int parse_domain(const char *what, const char *s, const char **out)
{
	if (!*s)
		return usage_error("invalid %s \"\": empty", what);
	if (strlen(s) >= NVO_DHCP_DOMAIN_LEN)
		return usage_error("invalid %s \"%s\": longer than %d characters",
				   what, s, NVO_DHCP_DOMAIN_LEN - 1);
	*out = s;
	return 0;
}

/*
 * "DST[/LEN],GW", a classless static route of DHCP: DST alone is a host,
 * "default" 0.0.0.0/0; host bits are the kernel's to refuse.
 */
static int parse_dhcp_route(const char *what, const char *s,
			    struct nvo_dhcp_route *r)
{
	char dst[INET_ADDRSTRLEN + sizeof("/32") - 1];
	const char *comma = strchr(s, ',');
	struct prefix p = { .len = 0 };
	struct in_addr gw;
	size_t len;
	int err;

	if (!comma)
		return usage_error("invalid %s \"%s\": expected DST[/LEN],GW",
				   what, s);
	len = comma - s;
	if (!len || len >= sizeof(dst))
		return usage_error("invalid %s \"%s\": \"%.*s\" is not an IPv4 destination",
				   what, s, (int)len, s);
	memcpy(dst, s, len);
	dst[len] = '\0';
	if (strcmp(dst, "default")) {
		err = prefix_parse("route destination", dst, true, &p);
		if (err)
			return err;
	} else {
		p.addr = (struct nvo_addr){ .family = AF_INET };
	}
	err = parse_ip4("route gateway", comma + 1, &gw);
	if (err)
		return err;
	*r = (struct nvo_dhcp_route){
		.dst = p.addr.v4.s_addr, .gw = gw.s_addr, .prefix = p.len,
	};
	return 0;
}

/*
 * A route's destination: a prefix, or "default", of the family of the
 * route's next hop, which is not known here: AF_UNSPEC, length 0.
 */
static int parse_dst(const char *what, const char *s, struct prefix *out)
{
	if (strcmp(s, "default"))
		return parse_prefix(what, s, out);
	*out = (struct prefix){ .addr = { .family = AF_UNSPEC }, .len = 0,
				.has_len = true };
	return 0;
}

/*
 * The name of a new security group: one that "GROUP" and "sg" lists can
 * name, so not a number (ids are), not a keyword, without commas (which
 * separate groups) and without blanks or control characters.
 */
static int parse_sg_name(const char *s, const char **out)
{
	const unsigned char *p;

	if (!*s)
		return usage_error("invalid security group name \"\": empty");
	if (strlen(s) >= NVO_SG_NAME_LEN)
		return usage_error("invalid security group name \"%s\": longer than %d characters",
				   s, NVO_SG_NAME_LEN - 1);
	if (isdigit((unsigned char)s[0]))
		return usage_error("invalid security group name \"%s\": it begins with a digit, as ids do",
				   s);
	if (!strcmp(s, "none") || !strcmp(s, "id"))
		return usage_error("invalid security group name \"%s\": a keyword",
				   s);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == ',')
			return usage_error("invalid security group name \"%s\": commas separate groups in lists",
					   s);
		if (*p <= ' ' || *p == 0x7f)
			return usage_error("invalid security group name \"%s\": blanks and control characters are not allowed",
					   s);
	}
	*out = s;
	return 0;
}

/* A name, or a number: an id. */
static int parse_group(const char *what, const char *s, struct group_ref *g)
{
	*g = (struct group_ref){ NULL, 0 };
	if (isdigit((unsigned char)s[0]))
		return parse_u16(what, s, &g->id);
	if (!*s)
		return usage_error("invalid %s \"\": empty", what);
	if (strlen(s) >= NVO_SG_NAME_LEN)
		return usage_error("invalid %s \"%s\": longer than %d characters",
				   what, s, NVO_SG_NAME_LEN - 1);
	g->name = s;
	return 0;
}

/* "none", or up to NVO_PORT_SG_MAX groups separated by commas. */
static int parse_sg_list(const char *what, const char *s, struct sg_list *l)
{
	const char *p = s;
	size_t len;
	int err;

	l->count = 0;
	if (!strcmp(s, "none"))
		return 0;
	for (;;) {
		len = strcspn(p, ",");
		if (!len)
			return usage_error("invalid %s \"%s\": an empty group",
					   what, s);
		if (l->count == NVO_PORT_SG_MAX)
			return usage_error("invalid %s \"%s\": more than %d groups",
					   what, s, NVO_PORT_SG_MAX);
		if (len >= NVO_SG_NAME_LEN)
			return usage_error("invalid %s \"%s\": \"%.*s\" is longer than %d characters",
					   what, s, (int)len, p,
					   NVO_SG_NAME_LEN - 1);
		memcpy(l->names[l->count], p, len);
		l->names[l->count][len] = '\0';
		if (!strcmp(l->names[l->count], "none"))
			return usage_error("invalid %s \"%s\": \"none\" stands alone",
					   what, s);
		err = parse_group(what, l->names[l->count],
				  &l->refs[l->count]);
		if (err)
			return err;
		l->count++;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/* How many words follow the keyword. */
static int arg_values(const struct arg *a)
{
	switch (a->type) {
	case ARG_FLAG:
		return 0;
	case ARG_PORT_RANGE:
		return 2;
	default:
		return 1;
	}
}

/* s: the arg_values(a) words after the keyword */
static int parse_value(const struct arg *a, char **s)
{
	uint16_t *range;
	int err;

	switch (a->type) {
	case ARG_VNI:
		return parse_u32("VNI", s[0], a->dst);
	case ARG_MAC:
		return parse_mac(s[0], a->dst);
	case ARG_ADDR:
		return parse_addr(a->kw, s[0], a->dst);
	case ARG_IFNAME:
		return parse_ifname(s[0], a->dst);
	case ARG_ON_OFF:
		return parse_on_off(a->kw, s[0], a->dst);
	case ARG_UDP_PORT:
		return parse_u16(a->kw, s[0], a->dst);
	case ARG_SECONDS:
	case ARG_U32:
		return parse_u32(a->kw, s[0], a->dst);
	case ARG_U8_INHERIT:
		return parse_u8_inherit(a->kw, s[0], a->dst);
	case ARG_ENCAP:
	case ARG_ENCAP_DEFAULT:
		return parse_encap(a->kw, s[0], a->type == ARG_ENCAP_DEFAULT,
				   a->dst);
	case ARG_PORT_RANGE:
		range = a->dst;
		err = parse_u16(a->kw, s[0], &range[0]);
		return err ? err : parse_u16(a->kw, s[1], &range[1]);
	case ARG_U8:
		return parse_u8(a->kw, s[0], a->dst);
	case ARG_U16:
		return parse_u16(a->kw, s[0], a->dst);
	case ARG_TENANT:
		return parse_tenant(a->kw, s[0], a->dst);
	case ARG_PROTO:
		return parse_proto(a->kw, s[0], a->dst);
	case ARG_PORTS:
		return parse_ports(a->kw, s[0], a->dst);
	case ARG_PREFIX:
		return parse_prefix(a->kw, s[0], a->dst);
	case ARG_SG_NAME:
		return parse_sg_name(s[0], a->dst);
	case ARG_GROUP:
		return parse_group(a->kw, s[0], a->dst);
	case ARG_SG_LIST:
		return parse_sg_list(a->kw, s[0], a->dst);
	case ARG_NEIGH_UNKNOWN:
		return parse_neigh_unknown(a->kw, s[0], a->dst);
	case ARG_DST:
		return parse_dst(a->kw, s[0], a->dst);
	case ARG_IP4:
		return parse_ip4(a->kw, s[0], a->dst);
	case ARG_PREFIX4:
		return prefix_parse(a->kw, s[0], true, a->dst);
	case ARG_IP4_LIST:
		return parse_ip4_list(a->kw, s[0], a->dst);
	case ARG_DOMAIN:
		return parse_domain(a->kw, s[0], a->dst);
	case ARG_DHCP_ROUTE:
		return parse_dhcp_route(a->kw, s[0], a->dst);
	case ARG_FLAG:
	case ARG_SECTION:
		break;
	}
	return 0;
}

/*
 * The index of keyword kw in args, the first of its entries not yet seen
 * if there are several, or -1. A bare value has no keyword to match.
 */
static int arg_index(const struct arg *args, const char *kw)
{
	int i, found = -1;

	for (i = 0; args[i].kw; i++) {
		if (args[i].bare || strcmp(args[i].kw, kw))
			continue;
		if (!args[i].seen)
			return i;
		if (found < 0)
			found = i;
	}
	return found;
}

bool arg_seen(const struct arg *args, const char *kw)
{
	int i;

	for (i = 0; args[i].kw; i++)
		if (args[i].seen && !strcmp(args[i].kw, kw))
			return true;
	return false;
}

int check_port_proto(const struct arg *args, unsigned int proto)
{
	if (arg_seen(args, "port") &&
	    (!arg_seen(args, "proto") || !proto_has_ports(proto)))
		return usage_error("\"port\" needs \"proto\" tcp, udp, sctp, udplite or dccp");
	return 0;
}

int check_prefix_family(const char *kw, const struct prefix *p, bool v6,
			const char *of)
{
	char buf[PREFIX_STRLEN];

	if (v6 == (p->addr.family == AF_INET6))
		return 0;
	return usage_error("\"%s %s\" is %s but %s is %s", kw,
			   prefix_str(&p->addr, p->len, buf),
			   v6 ? "IPv4" : "IPv6", of, v6 ? "ipv6" : "ipv4");
}

/* The first bare value of args not yet seen, or -1. */
static int bare_index(const struct arg *args)
{
	int i;

	for (i = 0; args[i].kw; i++)
		if (args[i].bare && !args[i].seen)
			return i;
	return -1;
}

/* How many entries args has for keyword kw. */
static int arg_entries(const struct arg *args, const char *kw)
{
	int n = 0;

	for (; args->kw; args++)
		n += !args->bare && !strcmp(args->kw, kw);
	return n;
}

/*
 * How many words of argv belong to a section whose keywords are sub: its
 * keywords with their values, up to the first word that is none of them
 * (a bare value could not be told from what follows, nor can a section be
 * in a section).
 */
static int section_len(int argc, char **argv, const struct arg *sub)
{
	int i = 0, k;

	while (i < argc && (k = arg_index(sub, argv[i])) >= 0)
		i += 1 + arg_values(&sub[k]);
	return i < argc ? i : argc;
}

static int parse_args(int argc, char **argv, struct arg *args);

/*
 * The words after a section's keyword: its arguments, as many as there
 * are, at least one. Returns how many it took, or minus an exit status.
 */
static int parse_section(int argc, char **argv, const struct arg *a)
{
	int n = section_len(argc, argv, a->dst), err;

	if (!n)
		return -usage_error("missing value for \"%s\"", a->kw);
	err = parse_args(n, argv, a->dst);
	return err ? -err : n;
}

/*
 * The keywords of args with their values, in any order. A section's own
 * keywords follow it: those after "dhcp" are its own, up to the first
 * word that is none of them, after which the keywords of args go on.
 */
static int parse_args(int argc, char **argv, struct arg *args)
{
	const struct arg *o;
	struct arg *a;
	int i, k, n, err;

	for (i = 0; i < argc; i++) {
		k = arg_index(args, argv[i]);
		if (k < 0)
			k = bare_index(args);
		if (k < 0)
			return usage_error("unknown argument \"%s\"", argv[i]);
		a = &args[k];
		if (a->bare) {
			a->seen = true;
			err = parse_value(a, &argv[i]);
			if (err)
				return err;
			continue;
		}
		n = arg_entries(args, a->kw);
		if (a->seen && n > 1)
			return usage_error("\"%s\" is given more than %d times",
					   a->kw, n);
		if (a->seen)
			return usage_error("\"%s\" is given twice", a->kw);
		for (o = args; a->group && o->kw; o++)
			if (o->seen && o->group == a->group)
				return usage_error("\"%s\" and \"%s\" cannot be used together",
						   o->kw, a->kw);
		a->seen = true;
		if (a->type == ARG_FLAG) {
			*(bool *)a->dst = a->flag;
			continue;
		}
		if (a->type == ARG_SECTION) {
			n = parse_section(argc - i - 1, argv + i + 1, a);
			if (n < 0)
				return -n;
			i += n;
			continue;
		}
		if (argc - i - 1 < arg_values(a) && arg_values(a) > 1)
			return usage_error("missing value for \"%s\": it takes %d values",
					   a->kw, arg_values(a));
		if (argc - i - 1 < arg_values(a))
			return usage_error("missing value for \"%s\"", a->kw);
		err = parse_value(a, &argv[i + 1]);
		if (err)
			return err;
		i += arg_values(a);
	}
	for (a = args; a->kw; a++) {
		if (a->required && !a->seen && a->bare)
			return usage_error("%s is missing", a->kw);
		if (a->required && !a->seen)
			return usage_error("\"%s\" is missing", a->kw);
	}
	return 0;
}

/*
 * "[dev] DEV", taken off the front of argv. After "dev" any name is the
 * device, even a keyword of args; without it, a keyword there means the
 * device is missing ("vni add vni 10" does not name a device "vni").
 */
static int parse_dev(int *argc, char ***argv, const struct arg *args,
		     const char **dev)
{
	int n = 1;

	if (*argc && !strcmp((*argv)[0], "dev")) {
		if (*argc == 1)
			return usage_error("missing value for \"dev\"");
		n = 2;
	} else if (!*argc || (args && arg_index(args, (*argv)[0]) >= 0)) {
		return usage_error("device name is missing");
	}
	*argc -= n;
	*argv += n;
	return parse_ifname((*argv)[-1], dev);
}

/* "[dev] DEV [keyword [value]]...": the device, then the arguments of args. */
int parse_cmd(int argc, char **argv, struct arg *args, const char **dev)
{
	int err;

	err = parse_dev(&argc, &argv, args, dev);
	if (err)
		return err;
	return parse_args(argc, argv, args);
}

int parse_cmd_group(int argc, char **argv, struct arg *args, const char **dev,
		    struct group_ref *group, bool *has_group)
{
	const char *what = "security group";
	int err, n = 1;

	err = parse_dev(&argc, &argv, args, dev);
	if (err)
		return err;
	*group = (struct group_ref){ NULL, 0 };
	if (has_group)
		*has_group = false;
	/* Where GROUP is, "id" is its own: a rule's id comes after. */
	if (!argc || (strcmp(argv[0], "id") && arg_index(args, argv[0]) >= 0)) {
		if (!has_group)
			return usage_error("security group is missing");
		return parse_args(argc, argv, args);
	}
	if (!strcmp(argv[0], "id")) {
		if (argc < 2)
			return usage_error("missing value for \"id\"");
		err = parse_u16("security group id", argv[1], &group->id);
		n = 2;
	} else {
		err = parse_group(what, argv[0], group);
	}
	if (err)
		return err;
	if (has_group)
		*has_group = true;
	return parse_args(argc - n, argv + n, args);
}

/*
 * Without a device, "dev" begins the arguments; "dev DEV dev ..." is the
 * device's "dev", as everywhere.
 */
int parse_cmd_opt_dev(int argc, char **argv, struct arg *args,
		      const char **dev)
{
	bool dev_first = argc && !strcmp(argv[0], "dev");

	*dev = NULL;
	if (!argc || (dev_first && !(argc > 2 && !strcmp(argv[2], "dev"))) ||
	    (!dev_first && arg_index(args, argv[0]) >= 0))
		return parse_args(argc, argv, args);
	return parse_cmd(argc, argv, args, dev);
}

/* "[dev] DEV [vni N]" of the show commands; vni -1: all. */
int parse_show(int argc, char **argv, const char **dev, int64_t *vni)
{
	uint32_t v = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &v },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, dev);
	if (!err)
		*vni = args[0].seen ? (int64_t)v : -1;
	return err;
}

/* "[[dev] DEV]": one device, or NULL for all. */
int parse_opt_dev(int argc, char **argv, const char **dev)
{
	int err;

	*dev = NULL;
	if (!argc)
		return 0;
	err = parse_dev(&argc, &argv, NULL, dev);
	if (!err && argc)
		return usage_error("unknown argument \"%s\"", argv[0]);
	return err;
}
