package dev.theater.wit.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the packages read from source are resolved: each after the packages it uses, so that what it
 * uses of them is resolved already. Every reference to a package is checked here ({@link PackageIndex#select}), and a
 * cycle between packages is refused at the reference that closes it. The walk keeps its own stack, so a chain of any
 * number of packages costs no Java stack.
 */
final class PackageOrder {

    private PackageOrder() {
    }

    /** The source packages of {@code index}, each after the ones it uses. */
    static List<PackageIndex.Node> of(PackageIndex index) {
        Map<PackageIndex.Node, Map<PackageIndex.Node, Pos>> uses = new HashMap<>();
        for (PackageIndex.Node node : index.sources()) {
            Map<PackageIndex.Node, Pos> targets = new LinkedHashMap<>();
            for (Ast.UsePath path : node.source.packageReferences()) {
                PackageIndex.Node target = index.select(node, path);
                if (target != node && target.source != null) {
                    targets.putIfAbsent(target, path.pos());
                }
            }
            uses.put(node, targets);
        }
        List<PackageIndex.Node> order = new ArrayList<>();
        Map<PackageIndex.Node, Boolean> finished = new HashMap<>(); // false: on the walk's stack, true: done
        for (PackageIndex.Node start : index.sources()) {
            if (finished.containsKey(start)) {
                continue;
            }
            Deque<Step> stack = new ArrayDeque<>();
            stack.push(new Step(start, uses.get(start).entrySet().iterator()));
            finished.put(start, false);
            while (!stack.isEmpty()) {
                Step step = stack.peek();
                if (!step.next.hasNext()) {
                    stack.pop();
                    finished.put(step.node, true);
                    order.add(step.node);
                    continue;
                }
                Map.Entry<PackageIndex.Node, Pos> use = step.next.next();
                PackageIndex.Node target = use.getKey();
                Boolean state = finished.get(target);
                if (state == null) {
                    finished.put(target, false);
                    stack.push(new Step(target, uses.get(target).entrySet().iterator()));
                } else if (!state) {
                    throw cycle(stack, target, use.getValue());
                }
            }
        }
        return order;
    }

    private record Step(PackageIndex.Node node, Iterator<Map.Entry<PackageIndex.Node, Pos>> next) {}

    private static RuntimeException cycle(Deque<Step> stack, PackageIndex.Node target, Pos at) {
        List<String> names = new ArrayList<>();
        Iterator<Step> bottomUp = stack.descendingIterator();
        boolean on = false;
        while (bottomUp.hasNext()) {
            PackageIndex.Node n = bottomUp.next().node;
            on |= n == target;
            if (on) {
                names.add(n.full());
            }
        }
        names.add(target.full());
        return at.error("package '" + target.full() + "' depends on itself: " + String.join(" -> ", names)
                + " (packages must not use each other in a cycle)");
    }
}
