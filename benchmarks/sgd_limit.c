/* The physical-limit row of bench_engine.py: the same SGD epoch as the engine, in plain C.
 *
 * A fully connected network (tanh hidden and output, mse: E = 1/2 sum (t - a)^2 / B;
 * tanh from expm1 as the engine's compiled loop computes it, fast_activations.py),
 * float64, weights then biases in one flat vector (app/engine/parameters.py's layout),
 * mini-batches of `batch` rows taken in the given epoch orders, w <- w - lr dE/dw, with
 * the loss of every step computed as the engine does. Compiled with gcc -O3 at benchmark
 * time. stdin: L, the L layer sizes, n, batch, lr, the n rows (inputs then targets),
 * the parameters, E, then E epoch orders of n row numbers. Then commands, one a line:
 *   "run K" trains K epochs (cycling through the orders) and prints the seconds taken;
 *   "params" prints the parameters (%.17g); "quit" ends.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LAYERS 16
#define MAX_UNITS 64
#define MAX_BATCH 64

static int L, n, batch, n_orders, size, layers[MAX_LAYERS];
static int w_off[MAX_LAYERS], b_off[MAX_LAYERS];
static double lr, *xs, *ts, *params, *grads;
static int *orders;
static double act[MAX_LAYERS][MAX_BATCH][MAX_UNITS], delta[MAX_LAYERS][MAX_BATCH][MAX_UNITS];
static double losses_sum;

static void read_or_die(int ok) {
  if (!ok) {
    fprintf(stderr, "sgd_limit: bad input\n");
    exit(2);
  }
}

static double tanh_expm1(double x) {
  double e = expm1(-2.0 * fabs(x));
  return copysign(-e / (e + 2.0), x);
}

static void step(const int *rows, int b_rows) {
  int out = L - 1, n_out = layers[out];
  for (int b = 0; b < b_rows; b++)
    for (int i = 0; i < layers[0]; i++) act[0][b][i] = xs[rows[b] * layers[0] + i];
  for (int l = 0; l < out; l++) {
    int n_in = layers[l], n_o = layers[l + 1];
    const double *w = params + w_off[l], *bias = params + b_off[l];
    for (int b = 0; b < b_rows; b++)
      for (int j = 0; j < n_o; j++) {
        double s = 0.0;
        for (int i = 0; i < n_in; i++) s += w[j * n_in + i] * act[l][b][i];
        act[l + 1][b][j] = tanh_expm1(s + bias[j]);
      }
  }
  double e = 0.0;
  for (int b = 0; b < b_rows; b++)
    for (int k = 0; k < n_out; k++) {
      double a = act[out][b][k], t = ts[rows[b] * n_out + k];
      e += 0.5 * (t - a) * (t - a);
      delta[out][b][k] = (a - t) / b_rows * (1.0 - a * a);
    }
  losses_sum += e / b_rows;
  for (int l = out - 1; l >= 1; l--) {
    int n_here = layers[l], n_next = layers[l + 1];
    const double *w = params + w_off[l];
    for (int b = 0; b < b_rows; b++)
      for (int j = 0; j < n_here; j++) {
        double s = 0.0;
        for (int k = 0; k < n_next; k++) s += delta[l + 1][b][k] * w[k * n_here + j];
        double a = act[l][b][j];
        delta[l][b][j] = s * (1.0 - a * a);
      }
  }
  for (int l = 0; l < out; l++) {
    int n_in = layers[l], n_o = layers[l + 1];
    for (int j = 0; j < n_o; j++) {
      double sb = 0.0;
      for (int i = 0; i < n_in; i++) {
        double s = 0.0;
        for (int b = 0; b < b_rows; b++) s += delta[l + 1][b][j] * act[l][b][i];
        grads[w_off[l] + j * n_in + i] = s;
      }
      for (int b = 0; b < b_rows; b++) sb += delta[l + 1][b][j];
      grads[b_off[l] + j] = sb;
    }
  }
  for (int p = 0; p < size; p++) params[p] -= lr * grads[p];
}

int main(void) {
  read_or_die(scanf("%d", &L) == 1 && L >= 2 && L <= MAX_LAYERS);
  for (int l = 0; l < L; l++)
    read_or_die(scanf("%d", &layers[l]) == 1 && layers[l] >= 1 && layers[l] <= MAX_UNITS);
  read_or_die(scanf("%d %d %lf", &n, &batch, &lr) == 3 && n >= 1 && batch >= 1);
  read_or_die(batch <= MAX_BATCH);
  int weights = 0, units = 0;
  for (int l = 0; l + 1 < L; l++) {
    w_off[l] = weights;
    weights += layers[l] * layers[l + 1];
  }
  for (int l = 0; l + 1 < L; l++) {
    b_off[l] = weights + units;
    units += layers[l + 1];
  }
  size = weights + units;
  xs = malloc(sizeof(double) * n * layers[0]);
  ts = malloc(sizeof(double) * n * layers[L - 1]);
  params = malloc(sizeof(double) * size);
  grads = malloc(sizeof(double) * size);
  for (int r = 0; r < n; r++) {
    for (int i = 0; i < layers[0]; i++) read_or_die(scanf("%lf", &xs[r * layers[0] + i]) == 1);
    for (int k = 0; k < layers[L - 1]; k++)
      read_or_die(scanf("%lf", &ts[r * layers[L - 1] + k]) == 1);
  }
  for (int p = 0; p < size; p++) read_or_die(scanf("%lf", &params[p]) == 1);
  read_or_die(scanf("%d", &n_orders) == 1 && n_orders >= 1);
  orders = malloc(sizeof(int) * n * n_orders);
  for (int i = 0; i < n * n_orders; i++)
    read_or_die(scanf("%d", &orders[i]) == 1 && orders[i] >= 0 && orders[i] < n);
  long epoch = 0;
  char command[32];
  while (scanf("%31s", command) == 1) {
    if (strcmp(command, "run") == 0) {
      long k;
      read_or_die(scanf("%ld", &k) == 1);
      struct timespec t0, t1;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      for (long e = 0; e < k; e++, epoch++) {
        const int *order = orders + (epoch % n_orders) * n;
        for (int start = 0; start < n; start += batch)
          step(order + start, start + batch <= n ? batch : n - start);
      }
      clock_gettime(CLOCK_MONOTONIC, &t1);
      printf("%.9f %.17g\n", (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec),
             losses_sum);
    } else if (strcmp(command, "params") == 0) {
      for (int p = 0; p < size; p++) printf("%.17g%c", params[p], p + 1 < size ? ' ' : '\n');
    } else {
      break;
    }
    fflush(stdout);
  }
  return 0;
}
