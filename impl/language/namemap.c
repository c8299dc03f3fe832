#include "namemap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void namemap_init(NameMap *map)
{
    memset(map, 0, sizeof *map);
}

void namemap_free(NameMap *map)
{
    free(map->keys);
    free(map->values);
    free(map->slots);
    memset(map, 0, sizeof *map);
}

static uint32_t hash_key(const char *key)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

static int find_slot(const NameMap *map, const char *key)
{
    uint32_t mask = (uint32_t)map->nslots - 1;
    uint32_t i = hash_key(key) & mask;
    for (;;) {
        int index = map->slots[i];
        if (index < 0 || strcmp(map->keys[index], key) == 0)
            return (int)i;
        i = (i + 1) & mask;
    }
}

int namemap_find(const NameMap *map, const char *key)
{
    if (map->nslots == 0)
        return -1;
    return map->slots[find_slot(map, key)];
}

static bool rehash(NameMap *map, int nslots)
{
    int *slots = malloc((size_t)nslots * sizeof *slots);
    if (!slots)
        return false;
    for (int i = 0; i < nslots; i++)
        slots[i] = -1;
    free(map->slots);
    map->slots = slots;
    map->nslots = nslots;
    for (int k = 0; k < map->count; k++)
        map->slots[find_slot(map, map->keys[k])] = k;
    return true;
}

int namemap_add(NameMap *map, const char *key, int value)
{
    int found = namemap_find(map, key);
    if (found >= 0)
        return found;
    if (map->count == map->cap) {
        int cap = map->cap ? map->cap * 2 : 8;
        const char **keys = realloc(map->keys, (size_t)cap * sizeof *keys);
        if (!keys)
            return -1;
        map->keys = keys;
        int *values = realloc(map->values, (size_t)cap * sizeof *values);
        if (!values)
            return -1;
        map->values = values;
        map->cap = cap;
    }
    if ((map->count + 1) * 2 > map->nslots && !rehash(map, map->nslots ? map->nslots * 2 : 16))
        return -1;
    int index = map->count++;
    map->keys[index] = key;
    map->values[index] = value;
    map->slots[find_slot(map, key)] = index;
    return index;
}

bool namemap_set(NameMap *map, const char *key, int value)
{
    int index = namemap_add(map, key, value);
    if (index < 0)
        return false;
    map->values[index] = value;
    return true;
}

int namemap_get(const NameMap *map, const char *key, int missing)
{
    int index = namemap_find(map, key);
    return index < 0 ? missing : map->values[index];
}
