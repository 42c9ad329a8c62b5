package org.invariantlab.core.compare;

import java.util.ArrayList;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.run.Experiment;

/**
 * A grid read as a paper reproduction: the one catalogue of experiments. {@code invariantlab reproduce NAME} runs the
 * grid {@code examples/grids/NAME.yaml} at its first seed, one run per data set and method, and prints each beside what
 * the paper reported for the data set (the grid's {@code paper:} blocks, {@link Grid.Paper}); {@code compare} runs the
 * same grid over all its seeds. There is no second list of experiments in code.
 */
public final class GridReproduction {

    private GridReproduction() {
    }

    /**
     * The experiments of {@code grid}: its learning cells at its first seed, in the grid's order. An experiment is named
     * after its data set, followed by its method when the data set has more than one ({@code s2-ha-jeong}).
     *
     * @param quick the grid's quick variant
     * @throws InvalidInputException if the grid has no learning cells (a reproduction compares runs with a paper)
     */
    public static List<Experiment> experiments(Grid grid, boolean quick) {
        GridPlan plan = GridPlan.of(grid, quick);
        long seed = grid.seeds().get(0);
        List<Experiment> out = new ArrayList<>();
        for (Cell c : plan.cells()) {
            if (c.seed() != seed || !(c.task() instanceof CellTask.Run run)) {
                continue;
            }
            Grid.Data d = grid.data().stream().filter(x -> x.label().equals(c.data())).findFirst().orElseThrow();
            long methods = plan.cells().stream().filter(x -> x.seed() == seed && x.data().equals(c.data())).count();
            Grid.Paper p = d.paper() != null ? d.paper() : new Grid.Paper(null, null, null, null, null, null);
            String name = methods == 1 ? d.label() : d.label() + "-" + c.method();
            String about = p.about().isEmpty() ? d.label() : p.about();
            out.add(new Experiment(name, about + (methods == 1 ? "" : ", by " + c.method()), run.spec(),
                    p.trainAccuracy(), p.testAccuracy(), p.formula(), p.expected(), c.method(), p.scoredOn()));
        }
        if (out.stream().map(Experiment::name).distinct().count() < out.size()) {
            throw new InvalidInputException("grid '" + grid.name() + "' has several runs per data set and method at one "
                    + "seed (a sweep); a reproduction has one each — remove the sweep, or use 'compare'");
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("grid '" + grid.name() + "' has no cells that learn an invariant (run "
                    + "methods); a reproduction compares such runs with a paper — use 'compare' for counts");
        }
        return out;
    }
}
