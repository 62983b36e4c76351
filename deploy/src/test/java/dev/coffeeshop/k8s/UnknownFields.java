package dev.coffeeshop.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a parsed model did not know. fabric8's and Strimzi's models never refuse a field: they keep what they do
 * not know in {@code additionalProperties} (so that a client can round-trip newer resources), which would let a typo
 * pass unnoticed. This walks a model's properties and reports every such field with its path, e.g.
 * {@code spec.template.spec.containers[0].imagePullPolicyy}.
 */
final class UnknownFields {

    private UnknownFields() {}

    static List<String> of(Object model) {
        var found = new ArrayList<String>();
        walk(model, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> seen) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> walk(entry, join(path, String.valueOf(key)), found, seen));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found, seen);
            }
            return;
        }
        String type = value.getClass().getName();
        if (!(type.startsWith("io.fabric8.") || type.startsWith("io.strimzi.")) || !seen.add(value)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")
                    || getter.getReturnType().isPrimitive()
                    || getter.getReturnType() == String.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> unknown) {
                    unknown.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
                }
                continue;
            }
            String name = getter.getName().substring(3);
            if (name.isEmpty()) {
                continue;
            }
            walk(property, join(path, Character.toLowerCase(name.charAt(0)) + name.substring(1)), found, seen);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
