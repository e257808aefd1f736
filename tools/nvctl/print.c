// SPDX-License-Identifier: GPL-2.0-only
/* Addresses, names and drop reasons as text, the same in text and JSON. */
#include <stdio.h>
#include <linux/if_ether.h>

#include "nvctl.h"

const char *mac_str(const uint8_t mac[6], char buf[MAC_STRLEN])
{
	snprintf(buf, MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

const char *ip4_str(struct in_addr addr, char buf[INET_ADDRSTRLEN])
{
	return inet_ntop(AF_INET, &addr, buf, INET_ADDRSTRLEN);
}

const char *ip6_str(const struct in6_addr *addr, char buf[INET6_ADDRSTRLEN])
{
	return inet_ntop(AF_INET6, addr, buf, INET6_ADDRSTRLEN);
}

/* libnvo only hands out AF_INET and AF_INET6. */
const char *addr_str(const struct nvo_addr *addr, char buf[INET6_ADDRSTRLEN])
{
	if (addr->family == AF_INET6)
		return ip6_str(&addr->v6, buf);
	return ip4_str(addr->v4, buf);
}

/* The words of "encap"; one nvctl does not know is "encap_N". */
const char *encap_str(unsigned int encap, char buf[ENCAP_STRLEN])
{
	switch (encap) {
	case NVO_ENCAP_UNSPEC:
		return "default";
	case NVO_ENCAP_VXLAN:
		return "vxlan";
	case NVO_ENCAP_GENEVE:
		return "geneve";
	}
	snprintf(buf, ENCAP_STRLEN, "encap_%u", encap & 0xff);
	return buf;
}

/*
 * A name for text output, of at most max bytes; buf holds 4 * max + 1.
 * The kernel allows control characters in names, which could rewrite the
 * user's terminal: they become \xHH, C1 controls (UTF-8 c2 80..c2 9f)
 * included, and so does '\' to keep the escapes unambiguous. (JSON has
 * escapes of its own.)
 */
static const char *name_str(const char *name, size_t max, char *buf)
{
	const unsigned char *s = (const unsigned char *)name;
	char *p = buf;
	size_t i;

	for (i = 0; i < max && s[i]; i++) {
		bool c1 = s[i] == 0xc2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f;

		if (s[i] < 0x20 || s[i] == 0x7f || s[i] == '\\' || c1) {
			p += sprintf(p, "\\x%02x", s[i]);
			if (c1)
				p += sprintf(p, "\\x%02x", s[++i]);
		} else {
			*p++ = s[i];
		}
	}
	*p = '\0';
	return buf;
}

const char *ifname_str(const char *name, char buf[IFNAME_STRLEN])
{
	return name_str(name, IF_NAMESIZE - 1, buf);
}

const char *sg_name_str(const char *name, char buf[SG_NAME_STRLEN])
{
	return name_str(name, NVO_SG_NAME_LEN - 1, buf);
}

/* The kernel takes letters, digits, '-' and '.'; a newer one may not. */
const char *domain_str(const char *name, char buf[DOMAIN_STRLEN])
{
	return name_str(name, LIBNVO_DHCP_DOMAIN_LEN - 1, buf);
}

/* A drop reason's name; one libnvo does not know is "reason_N". */
const char *drop_str(unsigned int reason, char buf[DROP_STRLEN])
{
	const char *name = nvo_drop_name(reason);

	if (name)
		return name;
	snprintf(buf, DROP_STRLEN, "reason_%u", reason);
	return buf;
}

/* The IP protocols security group rules name. */
const char *proto_name(unsigned int proto)
{
	switch (proto) {
	case 0:
		return "any";
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_DCCP:
		return "dccp";
	case IPPROTO_ICMPV6:
		return "icmpv6";
	case IPPROTO_SCTP:
		return "sctp";
	case IPPROTO_UDPLITE:
		return "udplite";
	}
	return NULL;
}

bool proto_has_ports(unsigned int proto)
{
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		return true;
	}
	return false;
}

/* " proto NAME|N" unless any (0), then " port P" or " port P-Q". */
void print_proto_ports(unsigned int proto, bool has_ports,
		       uint16_t port_min, uint16_t port_max)
{
	if (proto && proto_name(proto))
		printf(" proto %s", proto_name(proto));
	else if (proto)
		printf(" proto %u", proto);
	if (has_ports && port_min == port_max)
		printf(" port %u", port_min);
	else if (has_ports)
		printf(" port %u-%u", port_min, port_max);
}

/* "proto": its name ("any" for 0), or its number for one without. */
void json_proto(struct json *j, unsigned int proto)
{
	if (proto_name(proto))
		json_string(j, "proto", proto_name(proto));
	else
		json_uint(j, "proto", proto);
}

const char *prefix_str(const struct nvo_addr *addr, unsigned int len,
		       char buf[PREFIX_STRLEN])
{
	char a[INET6_ADDRSTRLEN];

	snprintf(buf, PREFIX_STRLEN, "%s/%u", addr_str(addr, a), len & 0xff);
	return buf;
}

const char *prefix_given_str(const struct prefix *p, char buf[PREFIX_STRLEN])
{
	return p->has_len ? prefix_str(&p->addr, p->len, buf) :
			    addr_str(&p->addr, buf);
}

const char *ethertype_str(uint16_t ethertype, char buf[ETHERTYPE_STRLEN])
{
	if (ethertype == ETH_P_IP)
		return "ipv4";
	if (ethertype == ETH_P_IPV6)
		return "ipv6";
	snprintf(buf, ETHERTYPE_STRLEN, "ethertype_0x%04x", ethertype);
	return buf;
}

const char *dir_str(uint8_t dir, char buf[DIR_STRLEN])
{
	if (dir == NVO_RULE_INGRESS)
		return "ingress";
	if (dir == NVO_RULE_EGRESS)
		return "egress";
	snprintf(buf, DIR_STRLEN, "dir_%u", dir);
	return buf;
}

const char *neigh_unknown_str(uint8_t what, char buf[NEIGH_UNKNOWN_STRLEN])
{
	if (what == NVO_NEIGH_UNKNOWN_FLOOD)
		return "flood";
	if (what == NVO_NEIGH_UNKNOWN_DROP)
		return "drop";
	snprintf(buf, NEIGH_UNKNOWN_STRLEN, "neigh_unknown_%u", what);
	return buf;
}
